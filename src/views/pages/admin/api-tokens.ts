/**
 * API tokens on the owner's side (issue 17 item 5): the page that lists them with a form to
 * make one and a button to revoke each, and the page that shows a new token, the only time it
 * is shown (Canvass keeps only its hash).
 */
import { html, type SafeHtml } from '../../html.js';
import type { Page } from '../../layout.js';
import { csrfField } from '../parts.js';
import { adminNav } from './parts.js';

/** One token as the list shows it (never the token itself: only its hash is stored). */
export interface ApiTokenLine {
  readonly id: number;
  readonly name: string;
  /** The one survey it reads; null: every survey. */
  readonly survey: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** A survey a token may be limited to. */
export interface TokenSurvey {
  readonly slug: string;
  readonly title: string;
}

/** The create form as sent back with its problems (422), the values kept. */
export interface TokenFormState {
  readonly name: string;
  readonly survey: string;
  readonly errors: { readonly name?: string; readonly survey?: string };
}

export interface ApiTokensPageInput {
  readonly tokens: readonly ApiTokenLine[];
  readonly surveys: readonly TokenSurvey[];
  readonly csrf: string;
  readonly form?: TokenFormState;
}

/** The longest name the form takes. */
export const MAX_TOKEN_NAME = 100;

/** `2024-05-31 10:00 UTC`: a moment stated without a time zone guess. */
function utcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `GET /admin/tokens`: what a token is for, the form, and every token made so far. */
export function apiTokensPage(input: ApiTokensPageInput): Page {
  const failed = input.form !== undefined;
  return {
    title: `${failed ? 'Error: ' : ''}API tokens`,
    body: html`${adminNav(input.csrf)}
<h1>API tokens</h1>
<p class="lead">A token lets another program read surveys, responses and results through the read API (<code>/api/v1</code>, described in <code>docs/openapi.yaml</code>), sent as <code>Authorization: Bearer TOKEN</code>. Tokens only read: none can change or delete anything.</p>
${createForm(input)}
<section aria-labelledby="token-list"><h2 id="token-list">Tokens</h2>
${tokenList(input.tokens, input.csrf)}</section>
`,
  };
}

function createForm({ surveys, csrf, form }: ApiTokensPageInput): SafeHtml {
  const errors = form?.errors ?? {};
  const problem = (field: 'name' | 'survey') => {
    const message = errors[field];
    return message === undefined
      ? { text: '', attributes: '' }
      : {
          text: html`<p id="token-${field}-error" class="field-error">${message}</p>`,
          attributes: html` aria-describedby="token-${field}-error" aria-invalid="true"`,
        };
  };
  const name = problem('name');
  const survey = problem('survey');
  const chosen = form?.survey ?? '';
  return html`<section aria-labelledby="new-token"><h2 id="new-token">New token</h2>
${form === undefined ? '' : html`<div class="error-summary" role="alert"><h3>There is a problem</h3><ul>${Object.entries(errors).map(([field, message]) => html`<li><a href="#token-${field}">${message}</a></li>`)}</ul></div>`}
<form method="post" action="/admin/tokens">${csrfField(csrf)}
<div class="field"><label for="token-name">Name (what will use it)</label>${name.text}
<input id="token-name" class="input" type="text" name="name" maxlength="${MAX_TOKEN_NAME}" required value="${form?.name ?? ''}"${name.attributes}></div>
<div class="field"><label for="token-survey">Reads</label>${survey.text}
<select id="token-survey" class="input" name="survey"${survey.attributes}><option value=""${chosen === '' ? ' selected' : ''}>All surveys</option>${surveys.map(
    (s) =>
      html`<option value="${s.slug}"${chosen === s.slug ? ' selected' : ''}>${s.title} (${s.slug})</option>`,
  )}</select></div>
<button type="submit" class="button button-secondary">Create a token</button></form></section>`;
}

/** Every token, newest first: a list rather than a table, so it fits a phone. */
function tokenList(tokens: readonly ApiTokenLine[], csrf: string): SafeHtml {
  if (tokens.length === 0) return html`<p>No API tokens yet.</p>`;
  return html`<ul class="public-link-list api-token-list">${tokens.map(
    (t) =>
      html`<li><strong>${t.name}</strong>: reads ${t.survey === null ? 'all surveys' : html`survey <code>${t.survey}</code>`}; created ${utcMinute(t.createdAt)}, ${t.lastUsedAt === null ? 'never used' : `last used ${utcMinute(t.lastUsedAt)}`}${t.revokedAt === null ? '.' : html`; <strong>revoked ${utcMinute(t.revokedAt)}</strong>.`}${t.revokedAt === null ? html`<form method="post" action="/admin/tokens/${t.id}/revoke">${csrfField(csrf)}<button type="submit" class="button button-secondary">Revoke<span class="visually-hidden"> the token ${t.name}</span></button></form>` : ''}</li>`,
  )}</ul>`;
}

export interface ApiTokenCreatedInput {
  readonly name: string;
  /** The one survey it reads; null: every survey. */
  readonly survey: string | null;
  /** The token: shown here once, never again. */
  readonly token: string;
  readonly csrf: string;
}

/** `POST /admin/tokens`: the new token, shown this once. */
export function apiTokenCreatedPage(input: ApiTokenCreatedInput): Page {
  return {
    title: 'API token created',
    body: html`${adminNav(input.csrf)}
<h1>API token created</h1>
<p class="lead">Copy this token now: it is shown only this once (Canvass keeps only a hash of it). Whoever has it can read ${input.survey === null ? 'every survey' : html`survey <code>${input.survey}</code>`}: its responses and results.</p>
<div class="field">
<label for="api-token">The token “${input.name}”</label>
<input id="api-token" class="input public-link" type="text" value="${input.token}" readonly>
</div>
<p class="meta">Send it as <code>Authorization: Bearer TOKEN</code>, for example <code>curl -H "Authorization: Bearer TOKEN" URL/api/v1/surveys</code>. Revoke it on the tokens page when it is no longer needed.</p>
<p class="actions"><a class="button button-primary" href="/admin/tokens">Back to the tokens</a></p>
`,
  };
}
