import { formatCount } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';
import type { Page } from '../../layout.js';
import { adminNav, confirmForm } from './parts.js';

/** One response as the list shows it: when it began and ended, nothing it said. */
export interface ResponseListLine {
  readonly id: number;
  /** Its version's number; undefined for a row older than versions. */
  readonly version: number | undefined;
  readonly startedAt: string;
  readonly completedAt: string | null;
  /** The language it began in; null when it began without one. */
  readonly lang: string | null;
}

/** A version of the survey, for the "clear test data" links. */
export interface ClearableVersion {
  readonly number: number;
  readonly started: number;
  readonly completed: number;
}

export interface ResponsesPageInput {
  readonly slug: string;
  readonly title: string;
  readonly lines: readonly ResponseListLine[];
  /** True for a survey with `languages`: the list shows each response's language. */
  readonly languages: boolean;
  /** The next (older) page's address, when there is one. */
  readonly older?: string;
  /** True on any page but the first: it links back to the newest responses. */
  readonly paged: boolean;
  readonly versions: readonly ClearableVersion[];
  readonly csrf: string;
}

// Made on first use, as charts.ts's segmenter: building it is the process's first use of ICU's
// locale data (about 7 MB of RSS), which a server whose admin area nobody opens should not pay.
let languageNames: Intl.DisplayNames | undefined;

/**
 * A response's language as owners read it, in English like the rest of the admin area:
 * `French (fr)`; `–` when it began without one.
 */
function languageOf(lang: string | null): string {
  if (lang === null) return '–';
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
  return `${languageNames.of(lang) ?? lang} (${lang})`;
}

/** `2026-03-14 09:30 UTC`: a stored ISO time as owners read it, in a `time` element. */
export function timeOf(iso: string): SafeHtml {
  const shown = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)
    ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
    : iso;
  return html`<time datetime="${iso}">${shown}</time>`;
}

/**
 * `GET /admin/surveys/:slug/responses`: the survey's responses, newest first, a page at a time
 * (keyset: "Older responses" carries the last id shown). Each row links to the response's page;
 * the answers and hidden fields are read there, one response at a time.
 */
export function responsesPage(input: ResponsesPageInput): Page {
  const base = `/admin/surveys/${input.slug}`;
  return {
    title: `Responses · ${input.title}`,
    body: html`${adminNav(input.csrf)}
<h1>Responses: ${input.title}</h1>
<p class="meta"><a href="${base}">Back to the results</a></p>
${
  input.lines.length === 0
    ? html`<p>No responses${input.paged ? ' older than these' : ' yet'}.</p>`
    : html`<table class="data-table responses">
<thead><tr><th scope="col">Response</th><th scope="col" class="num">Version</th><th scope="col">Started</th><th scope="col">Completed</th>${input.languages ? html`<th scope="col">Language</th>` : ''}</tr></thead>
<tbody>${input.lines.map(
        (r) =>
          html`<tr><th scope="row"><a href="${base}/responses/${r.id}">#${r.id}</a></th><td class="num">${r.version ?? '–'}</td><td>${timeOf(r.startedAt)}</td><td>${r.completedAt === null ? 'partial' : timeOf(r.completedAt)}</td>${input.languages ? html`<td>${languageOf(r.lang)}</td>` : ''}</tr>`,
      )}</tbody></table>`
}
${responsePager(base, input)}
<h2 id="clear">Clear test data</h2>
<p>Deletes every response of one version, with its answers. Results and exports no longer count them; the audit log on the dashboard records it.</p>
<ul class="clear-versions">${input.versions.map(
      (v) =>
        html`<li><a href="${base}/versions/${v.number}/clear">Delete all responses of version ${v.number}</a> <span class="meta">(${formatCount(v.started)} started, ${formatCount(v.completed)} completed)</span></li>`,
    )}</ul>
`,
  };
}

function responsePager(base: string, input: ResponsesPageInput): SafeHtml | '' {
  if (!input.paged && input.older === undefined) return '';
  return html`<nav class="pager" aria-label="Response pages">${
    input.paged ? html`<a href="${base}/responses">Newest responses</a>` : ''
  } ${input.older === undefined ? '' : html`<a rel="next" href="${input.older}">Older responses</a>`}</nav>`;
}

/** One answer as the response page shows it. */
export interface ResponseAnswerLine {
  /** 1-based question number in the response's version. */
  readonly number: number;
  readonly question: string;
  /** The answer as respondents see it (choice texts, not ids). */
  readonly text: string;
  readonly other?: string;
  readonly comment: string | null;
}

export interface ResponsePageInput {
  readonly slug: string;
  readonly title: string;
  readonly id: number;
  readonly version: number | undefined;
  readonly startedAt: string;
  readonly completedAt: string | null;
  /** The language it began in, for a survey with `languages`. */
  readonly lang?: string | undefined;
  readonly answers: readonly ResponseAnswerLine[];
  /** Hidden fields as the link gave them: unverified text. */
  readonly hidden: readonly (readonly [string, string])[];
  readonly csrf: string;
}

/**
 * `GET /admin/surveys/:slug/responses/:id`: every answer as the respondent gave it, with the
 * question texts of the response's own version; hidden fields marked unverified (SURVEYS.md §6).
 * The delete button is a GET to a confirmation page: nothing is deleted by one click.
 */
export function responsePage(input: ResponsePageInput): Page {
  const base = `/admin/surveys/${input.slug}/responses`;
  return {
    title: `Response #${input.id} · ${input.title}`,
    body: html`${adminNav(input.csrf)}
<h1>Response #${input.id}</h1>
<p class="meta"><a href="${base}">All responses of ${input.title}</a></p>
<p class="lead">${input.version === undefined ? '' : `Version ${input.version}. `}Started ${timeOf(input.startedAt)}; ${
      input.completedAt === null
        ? 'not completed (partial).'
        : html`completed ${timeOf(input.completedAt)}.`
    }${input.lang === undefined ? '' : html` Language: ${languageOf(input.lang)}.`}</p>${hiddenFields(input.hidden)}
<h2>Answers</h2>
${
  input.answers.length === 0
    ? html`<p>No answers.</p>`
    : html`<ol class="answers">${input.answers.map(
        (a) =>
          html`<li value="${a.number}"><p class="answer-question">${a.question}</p><p class="answer-choice">${a.text}</p>${
            a.other === undefined ? '' : html`<p class="answer-other">Other: ${a.other}</p>`
          }${a.comment === null ? '' : html`<p class="answer-comment">Comment: ${a.comment}</p>`}</li>`,
      )}</ol>`
}
<form method="get" action="${base}/${input.id}/delete" class="actions"><button type="submit" class="button button-secondary">Delete this response</button></form>
`,
  };
}

function hiddenFields(hidden: ResponsePageInput['hidden']): SafeHtml | '' {
  if (hidden.length === 0) return '';
  return html`
<h2>Hidden fields <span class="meta">(unverified)</span></h2>
<p class="meta hidden-fields">Recorded from the link the respondent opened: anyone can change a link, so these values are not verified.</p>
<table class="data-table"><thead><tr><th scope="col">Field</th><th scope="col">Value (unverified)</th></tr></thead>
<tbody>${hidden.map(([name, value]) => html`<tr><th scope="row">${name}</th><td class="comment-text">${value}</td></tr>`)}</tbody></table>`;
}

/** What a confirmation page asks about. */
export type Deletion =
  | { readonly kind: 'response'; readonly id: number; readonly completed: boolean }
  | {
      readonly kind: 'version';
      readonly number: number;
      readonly started: number;
      readonly completed: number;
    };

/**
 * The confirmation pages of both deletions: what will go, and one POST form (CSRF-checked)
 * that deletes it; "Cancel" goes back without a change.
 */
export function confirmDeletionPage(
  input: { readonly slug: string; readonly title: string; readonly csrf: string },
  deletion: Deletion,
): Page {
  const base = `/admin/surveys/${input.slug}`;
  const { heading, what, action, cancel } =
    deletion.kind === 'response'
      ? {
          heading: `Delete response #${deletion.id}?`,
          what: `Response #${deletion.id} (${deletion.completed ? 'completed' : 'partial'}) and all its answers will be deleted for good. Results and exports will no longer count it.`,
          action: `${base}/responses/${deletion.id}/delete`,
          cancel: `${base}/responses/${deletion.id}`,
        }
      : {
          heading: `Delete all responses of version ${deletion.number}?`,
          what: `Every response of version ${deletion.number} (${formatCount(deletion.started)} started, ${formatCount(deletion.completed)} completed) and all their answers will be deleted for good. Other versions keep theirs.`,
          action: `${base}/versions/${deletion.number}/clear`,
          cancel: `${base}/responses`,
        };
  return {
    title: `${heading} · ${input.title}`,
    body: html`${adminNav(input.csrf)}
<h1>${heading}</h1>
<p>${what}</p>
<p>The deletion is recorded in the audit log.</p>
${confirmForm(action, cancel, 'Delete', input.csrf)}
`,
  };
}
