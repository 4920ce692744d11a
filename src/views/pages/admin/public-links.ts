/**
 * Public results links (issue 17 item 6) on the owner's side: the results page's section that
 * makes and revokes them, and the page that shows a new link, the only time it is shown.
 */
import type { Survey } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';
import type { Page } from '../../layout.js';
import { csrfField } from '../parts.js';
import { adminNav } from './parts.js';

/** One link as the owner's list shows it (never its token: only its hash is stored). */
export interface PublicLinkLine {
  /** The stored hash, which names the link in its revoke form. */
  readonly hash: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly texts: boolean;
  readonly state: 'active' | 'expired' | 'revoked';
}

export interface PublicLinksView {
  readonly links: readonly PublicLinkLine[];
}

/** The longest expiry the form offers, in days (ten years). */
export const MAX_PUBLIC_LINK_DAYS = 3650;

/** `2024-05-31 10:00 UTC`: a moment stated without a time zone guess. */
function utcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const STATES = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const;

/** The results page's "Public link" section: what a link shows, the form, the list. */
export function publicLinkSection(slug: string, view: PublicLinksView, csrf: string): SafeHtml {
  const action = `/admin/surveys/${slug}/public-links`;
  return html`<section class="public-links" aria-labelledby="public-link">
<h2 id="public-link">Public link</h2>
<p class="meta">Anyone with a public link can read these results without logging in: the charts and figures only, with no exports and no responses; free-text answers and comments only when you include them. Revoke a link to close it.</p>
<form method="post" action="${action}">${csrfField(csrf)}
<div class="field"><label for="public-link-days">Expires after (days; leave empty for never)</label>
<input id="public-link-days" class="input input-number" type="number" name="days" min="1" max="${MAX_PUBLIC_LINK_DAYS}" step="1" inputmode="numeric"></div>
<div class="field choice"><input type="checkbox" id="public-link-texts" name="texts" value="1"><label for="public-link-texts">Include free-text answers and comments</label></div>
<button type="submit" class="button button-secondary">Create a public link</button></form>
${linkList(action, view.links, csrf)}
</section>`;
}

/** The survey's links, newest first: a list rather than a table, so it fits a phone. */
function linkList(action: string, links: readonly PublicLinkLine[], csrf: string): SafeHtml {
  if (links.length === 0) return html`<p>No public links yet.</p>`;
  return html`<ul class="public-link-list">${links.map(
    (l) =>
      html`<li><strong>${STATES[l.state]}${l.revokedAt === null ? '' : ` ${utcMinute(l.revokedAt)}`}</strong>: created ${utcMinute(l.createdAt)}, ${l.expiresAt === null ? 'never expires' : `${l.state === 'expired' ? 'expired' : 'expires'} ${utcMinute(l.expiresAt)}`}, free text ${l.texts ? 'included' : 'left out'}.${l.state === 'active' ? html`<form method="post" action="${action}/${l.hash}/revoke">${csrfField(csrf)}<button type="submit" class="button button-secondary">Revoke<span class="visually-hidden"> the link created ${utcMinute(l.createdAt)}</span></button></form>` : ''}</li>`,
  )}</ul>`;
}

export interface PublicLinkCreatedInput {
  readonly survey: Survey;
  /** The absolute link: shown here once, never again. */
  readonly url: string;
  readonly expiresAt: Date | undefined;
  readonly texts: boolean;
  readonly csrf: string;
}

/** `POST /admin/surveys/:slug/public-links`: the new link, shown this once. */
export function publicLinkCreatedPage(input: PublicLinkCreatedInput): Page {
  const { survey, url, expiresAt, texts } = input;
  return {
    title: `Public link · ${survey.title}`,
    body: html`${adminNav(input.csrf)}
<p class="survey-name">${survey.title}</p>
<h1>Public link created</h1>
<p class="lead">Copy this link now: it is shown only this once (Canvass keeps only a hash of it). Anyone who has it can read the results.</p>
<div class="field">
<label for="public-link">The link</label>
<input id="public-link" class="input public-link" type="url" value="${url}" readonly>
</div>
<p class="meta">${expiresAt === undefined ? 'It works until you revoke it.' : `It works until ${utcMinute(expiresAt)}, or until you revoke it.`} Free-text answers and comments are ${texts ? 'included' : 'left out'}.</p>
<p class="actions"><a class="button button-primary" href="/admin/surveys/${survey.slug}#public-link">Back to the results</a></p>
`,
  };
}
