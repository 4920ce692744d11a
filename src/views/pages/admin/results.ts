import { formatCount, percentOf, type QuestionResult, type Survey } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';
import type { Page } from '../../layout.js';
import { barChart } from './charts.js';
import { exploreForms, scopeLine } from './explore.js';
import { questionPager, questionSpan, type QuestionPaging } from './pager.js';
import { adminNav, rate } from './parts.js';
import { publicLinkSection, type PublicLinksView } from './public-links.js';

/** One version of the survey as the version list shows it. */
export interface VersionLine {
  readonly number: number;
  readonly started: number;
  readonly completed: number;
  readonly createdAt: string;
  readonly current: boolean;
}

export interface CommentLine {
  readonly responseId: number;
  readonly question: number;
  /** The question's text in the response's own version (by default its index in `survey`). */
  readonly questionText?: string;
  readonly answer: string;
  readonly comment: string;
}

/** Who reached and answered one question, for the drop-off. */
export interface DropOffLine {
  readonly index: number;
  readonly question: { readonly text: string };
  readonly reached: number;
  readonly answered: number;
}

/** Who reached and submitted one page (a `questions:` file: one question), for the drop-off per page. */
export interface PageDropOffLine {
  /** 0-based position in the file. */
  readonly index: number;
  readonly id: string;
  readonly title?: string;
  readonly reached: number;
  readonly submitted: number;
  /** Present (true) when the page has a `showIf`. */
  readonly conditional?: true;
}

/** What the page counts besides the version: SURVEYS.md §10's default and its filters. */
export interface ResultsView {
  /** True when one version is shown alone (asked for, or the survey has only one). */
  readonly alone: boolean;
  /** How many versions are added up when not alone. */
  readonly versionCount: number;
  readonly started: number;
  readonly completed: number;
  /** Active filters: "question is choice", each with this page's address without it. */
  readonly filters: readonly {
    readonly question: string;
    readonly choice: string;
    readonly remove?: string;
  }[];
  readonly completedOnly: boolean;
  /** This page's address without `completed=1`. */
  readonly completedRemove?: string;
  /** `?from=…&to=…` as given, with this page's address without them. */
  readonly days?: { readonly from?: string; readonly to?: string; readonly remove: string };
  /** `?by=…` as given, and this page's address without it. */
  readonly by?: string;
  readonly byRemove?: string;
  /** What the cross-tab form offers: `by` values and their labels. */
  readonly byOptions?: readonly { readonly value: string; readonly text: string }[];
  /** This page's address with a filter on choice `choice` of question `qid`; undefined when set. */
  readonly filterHref?: (qid: string, choice: string) => string | undefined;
  /** This page's address with `extra` parameters (version, filters and completed kept). */
  readonly href: (extra: Readonly<Record<string, string | number>>) => string;
  /** The same view without filters or completed. */
  readonly unfiltered: string;
  /** The same view, completed responses only. */
  readonly completedHref: string;
  /** What the filter form offers: the choice questions of this page of questions. */
  readonly choices?: readonly FilterQuestion[];
  /** The parameters the form keeps as they are (version, filters already set). */
  readonly kept?: readonly (readonly [string, string])[];
}

/** A question a filter may name, with the choices it may name. */
export interface FilterQuestion {
  readonly id: string;
  readonly number: number;
  readonly text: string;
  readonly choices: readonly { readonly id: string; readonly text: string }[];
}

export interface ResultsPageInput {
  /** The survey as defined in the version shown: its questions head the results. */
  readonly survey: Survey;
  /** Its file was removed (issue 16): no longer taken, its results kept. */
  readonly archived?: boolean;
  readonly version: VersionLine;
  readonly versions: readonly VersionLine[];
  readonly questions: readonly DropOffLine[];
  /**
   * A `pages:` file's drop-off, one line a page (SURVEYS.md §10): shown instead of the line a
   * question when present.
   */
  readonly pages?: readonly PageDropOffLine[];
  /** What is counted; by default the version alone, every response (`aloneView`). */
  readonly view?: ResultsView;
  /** The page of questions shown: `questions` holds only those. */
  readonly paging: QuestionPaging;
  /**
   * Each question's chart and table, from {@link resultSections}: made by the caller, which
   * may make them a slice at a time.
   */
  readonly sections: SafeHtml;
  /** `?by=…`: what the sections cross-tabulate by (they are its tables, not charts). */
  readonly byText?: string;
  readonly comments: readonly CommentLine[];
  readonly commentPage: number;
  readonly hasMoreComments: boolean;
  readonly csrf: string;
  /** The page's own address: by default `/admin/surveys/SLUG`; a public link's `/results/TOKEN`. */
  readonly base?: string;
  /** Who reads the page; by default the owner. */
  readonly audience?: ResultsAudience;
}

/**
 * The owner (admin navigation, exports, the public-link section when given), or anyone holding
 * a public link (issue 17 item 6): the same figures, read-only, with none of those, and the
 * comments only when the link includes free text (its route leaves the text lists out too).
 */
export type ResultsAudience =
  | { readonly kind: 'owner'; readonly publicLinks?: PublicLinksView }
  | { readonly kind: 'public'; readonly texts: boolean };

/**
 * `GET /admin/surveys/:slug`: the results. By default each question adds up every version in
 * which it is the same question (SURVEYS.md §10); a version picked from the list is shown
 * alone. A long survey's questions come a page at a time (`?page=N`); the comments have pages
 * of their own (`?comments=N`), across every question.
 */
export function resultsPage(input: ResultsPageInput): Page {
  const { survey, version, paging } = input;
  const audience = input.audience ?? { kind: 'owner' };
  const owner = audience.kind === 'owner';
  const base = input.base ?? `/admin/surveys/${survey.slug}`;
  const view = input.view ?? aloneView(base, version);
  const pager = questionPager(paging, (n) => view.href({ page: n }));
  const comments = owner || audience.texts;
  return {
    title: `Results · ${survey.title}`,
    ...(owner ? {} : { noindex: true }),
    body: html`${owner ? adminNav(input.csrf) : html`<p class="meta">Results shared by the survey's owner: read-only.</p>`}
<h1>${survey.title}</h1>${owner ? archivedNote(input.archived === true) : publicArchivedNote(input.archived === true)}
${lead(version, view)}
${owner ? html`<p class="actions"><a class="button button-secondary" href="${base}/responses">Responses</a> <a class="button button-secondary" href="${base}/responses.xlsx?version=${version.number}" download>Download Excel (XLSX)</a> <a class="button button-secondary" href="${base}/responses.csv?version=${version.number}&amp;bom=1" download>Download CSV</a> <a class="button button-secondary" href="${base}/responses.json?version=${version.number}" download>Download JSON</a></p>${hiddenNote(survey)}` : ''}
${versionList(base, input.versions, view.alone ? version.number : undefined)}
${scopeLine(view)}
${exploreForms(view)}
${questionSpan(paging)}${pager}
<h2>Drop-off</h2>
${input.pages === undefined ? dropOff(input.questions, view.started) : pageDropOff(input.pages, view.started, input.survey.layout)}
<h2>${input.byText === undefined ? 'Answers' : `Answers by “${input.byText}”`}</h2>
${input.sections}
${pager}
${comments ? commentSection(survey, input, view) : ''}${owner && audience.publicLinks !== undefined ? publicLinkSection(survey.slug, audience.publicLinks, input.csrf) : ''}`,
  };
}

/** A public link's page says an archived survey is no longer taken; nothing for a live one. */
function publicArchivedNote(archived: boolean): SafeHtml | '' {
  if (!archived) return '';
  return html`
<p class="meta archived"><strong>Archived</strong>: this survey is no longer taken. Its results are kept.</p>`;
}

/** An archived survey says so under its title; nothing at all for a live one. */
function archivedNote(archived: boolean): SafeHtml | '' {
  if (!archived) return '';
  return html`
<p class="meta archived"><strong>Archived</strong>: its survey file was removed, so it is no longer listed or taken. These results and the exports are kept.</p>`;
}

/**
 * What an owner must know before trusting the hidden fields in the exports (SURVEYS.md §6):
 * they are whatever the link said. Nothing at all for a survey without any.
 */
function hiddenNote(survey: Survey): SafeHtml | '' {
  if (survey.hidden.length === 0) return '';
  const names = survey.hidden.join(', ');
  return html`
<p class="meta hidden-fields">Hidden fields (${names}) are recorded from the link each respondent opened: anyone can change a link, so these values are not verified.</p>`;
}

/** One version alone, every response: the page as it was before filters and versions added up. */
export function aloneView(base: string, version: VersionLine): ResultsView {
  const href = (extra: Readonly<Record<string, string | number>>) =>
    `${base}?${new URLSearchParams({ version: String(version.number), ...stringify(extra) }).toString()}`;
  return {
    alone: true,
    versionCount: 1,
    started: version.started,
    completed: version.completed,
    filters: [],
    completedOnly: false,
    href,
    unfiltered: href({}),
    completedHref: href({ completed: 1 }),
  };
}

const stringify = (extra: Readonly<Record<string, string | number>>) =>
  Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)]));

function lead(version: VersionLine, view: ResultsView): SafeHtml {
  const counts = `${formatCount(view.started)} started, ${formatCount(view.completed)} completed, completion rate ${rate(view.completed, view.started)}`;
  return view.alone
    ? html`<p class="lead">Version ${version.number}${version.current ? ' (current)' : ''}: ${counts}.</p>`
    : html`<p class="lead">${view.versionCount} versions added up: ${counts}.</p>
<p class="meta">Each question adds up the versions in which it is the same question (same id, type and choices), with the texts of version ${version.number}${version.current ? ' (current)' : ''}. Pick a version below to see it alone.</p>`;
}

function versionList(
  base: string,
  versions: readonly VersionLine[],
  shown: number | undefined,
): SafeHtml {
  // With several versions, the default view (all added up) is a choice of its own.
  const all =
    versions.length > 1
      ? html`<li><a href="${base}"${shown === undefined ? html` aria-current="page"` : ''}>Versions added up</a></li>`
      : '';
  return html`<nav class="versions" aria-label="Survey versions"><h2>Versions</h2><ul>${all}${versions.map(
    (v) =>
      html`<li><a href="${base}?version=${v.number}"${v.number === shown ? html` aria-current="page"` : ''}>Version ${v.number}</a>${v.current ? ' (current)' : ''} <span class="meta">since ${v.createdAt.slice(0, 10)}: ${formatCount(v.started)} started, ${formatCount(v.completed)} completed</span></li>`,
  )}</ul></nav>`;
}

function dropOff(questions: readonly DropOffLine[], started: number): SafeHtml {
  const bars = questions.flatMap((q) => [
    { label: `Q${q.index + 1} reached`, value: q.reached, percent: percentOf(q.reached, started) },
    {
      label: `Q${q.index + 1} answered`,
      value: q.answered,
      percent: percentOf(q.answered, started),
    },
  ]);
  return html`<figure class="result">
${barChart('dropoff', `Drop-off: respondents who reached and answered each question, of ${formatCount(started)} who started`, bars)}
<details><summary>Show as a table</summary><table class="data-table">
<thead><tr><th scope="col">Question</th><th scope="col" class="num">Reached</th><th scope="col" class="num">Answered</th><th scope="col" class="num">Answered, of started</th></tr></thead>
<tbody>${questions.map(
    (q) =>
      html`<tr><th scope="row">${q.index + 1}. ${q.question.text}</th><td class="num">${formatCount(q.reached)}</td><td class="num">${formatCount(q.answered)}</td><td class="num">${percentOf(q.answered, started)}%</td></tr>`,
  )}</tbody></table></details>
</figure>`;
}

/**
 * "Page 2: Your work": a page by its position and its title, or its id when it has none; a
 * `questions:` file's page is its question, "2. How was it?".
 */
function pageLabel(page: PageDropOffLine, layout: Layout): string {
  return layout === 'questions'
    ? `${page.index + 1}. ${page.title ?? page.id}`
    : `Page ${page.index + 1}: ${page.title ?? page.id}`;
}

type Layout = ResultsPageInput['survey']['layout'];

/**
 * The drop-off per page (a format-2 file): per page, how many reached it (submitted it or are on it
 * now) and how many submitted it, of those who started; a page behind a condition says so, since
 * only the respondents whose answers met it were shown it.
 */
function pageDropOff(pages: readonly PageDropOffLine[], started: number, layout: Layout): SafeHtml {
  const label = (p: PageDropOffLine) => pageLabel(p, layout);
  const each = layout === 'questions' ? 'question' : 'page';
  const bars = pages.flatMap((p) => [
    { label: `${label(p)} reached`, value: p.reached, percent: percentOf(p.reached, started) },
    {
      label: `${label(p)} submitted`,
      value: p.submitted,
      percent: percentOf(p.submitted, started),
    },
  ]);
  return html`<figure class="result">
${barChart('dropoff', `Drop-off: respondents who reached and submitted each ${each}, of ${formatCount(started)} who started`, bars)}
<details><summary>Show as a table</summary><table class="data-table">
<thead><tr><th scope="col">${layout === 'questions' ? 'Question' : 'Page'}</th><th scope="col" class="num">Reached</th><th scope="col" class="num">Submitted</th><th scope="col" class="num">Submitted, of started</th></tr></thead>
<tbody>${pages.map(
    (p) =>
      html`<tr><th scope="row">${label(p)}${p.conditional === true ? html` <span class="meta">(behind a condition: shown to ${formatCount(p.reached)} of ${formatCount(started)} respondents)</span>` : ''}</th><td class="num">${formatCount(p.reached)}</td><td class="num">${formatCount(p.submitted)}</td><td class="num">${percentOf(p.submitted, started)}%</td></tr>`,
  )}</tbody></table></details>
</figure>`;
}

/** The charts and tables of `questions`, one section each. */
export function resultSections(questions: readonly QuestionResult[]): SafeHtml {
  return html`${questions.map(questionSection)}`;
}

function questionSection(q: QuestionResult): SafeHtml {
  const id = `q${q.index}`;
  const bars = q.choices.map((c) => ({ label: c.choice, value: c.count, percent: c.percent }));
  return html`<section class="result" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${q.index + 1}. ${q.question.text}</h3>
<p class="meta">${formatCount(q.answered)} ${q.answered === 1 ? 'answer' : 'answers'}</p>
${barChart(id, `Question ${q.index + 1}: ${q.question.text} — answers by choice`, bars)}
<details><summary>Show as a table</summary><table class="data-table">
<thead><tr><th scope="col">Choice</th><th scope="col" class="num">Answers</th><th scope="col" class="num">Share</th></tr></thead>
<tbody>${q.choices.map(
    (c) =>
      html`<tr><th scope="row">${c.choice}</th><td class="num">${formatCount(c.count)}</td><td class="num">${c.percent}%</td></tr>`,
  )}</tbody></table></details>
</section>`;
}

/** The comments under their heading: the owner's always, a public link's with free text only. */
function commentSection(survey: Survey, input: ResultsPageInput, view: ResultsView): SafeHtml {
  return html`<h2 id="comments">Comments</h2>
${commentList(survey, input, view)}
`;
}

function commentList(survey: Survey, input: ResultsPageInput, view: ResultsView): SafeHtml {
  if (input.comments.length === 0 && input.commentPage === 1) return html`<p>No comments yet.</p>`;
  const questions = input.paging.page > 1 ? { page: input.paging.page } : {};
  const page = (n: number) => `${view.href({ ...questions, comments: n })}#comments`;
  return html`<table class="data-table comments">
<thead><tr><th scope="col">Response</th><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Comment</th></tr></thead>
<tbody>${input.comments.map(
    (c) =>
      html`<tr><td>#${c.responseId}</td><td>${c.questionText ?? survey.questions[c.question]?.text ?? `Question ${c.question + 1}`}</td><td>${c.answer}</td><td class="comment-text">${c.comment}</td></tr>`,
  )}</tbody></table>
<nav class="pager" aria-label="Comment pages">${input.commentPage > 1 ? html`<a rel="prev" href="${page(input.commentPage - 1)}">Page ${input.commentPage - 1}</a>` : ''} <span>Page ${input.commentPage}</span> ${input.hasMoreComments ? html`<a rel="next" href="${page(input.commentPage + 1)}">Page ${input.commentPage + 1}</a>` : ''}</nav>`;
}
