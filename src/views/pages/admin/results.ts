import { formatCount, percentOf, type QuestionResult, type Survey } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';
import type { Page } from '../../layout.js';
import { barChart } from './charts.js';
import { questionPager, questionSpan, type QuestionPaging } from './pager.js';
import { adminNav, rate } from './parts.js';

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
  readonly answer: string;
  readonly comment: string;
}

export interface ResultsPageInput {
  /** The survey as defined in the version shown: its questions head the results. */
  readonly survey: Survey;
  readonly version: VersionLine;
  readonly versions: readonly VersionLine[];
  readonly questions: readonly QuestionResult[];
  /** The page of questions shown: `questions` holds only those. */
  readonly paging: QuestionPaging;
  /**
   * Each question's chart and table, from {@link resultSections}: made by the caller, which
   * may make them a slice at a time.
   */
  readonly sections: SafeHtml;
  readonly comments: readonly CommentLine[];
  readonly commentPage: number;
  readonly hasMoreComments: boolean;
  readonly csrf: string;
}

/**
 * `GET /admin/surveys/:slug`: the results of one version. Versions are never mixed: each has
 * its own question list, so the page shows one at a time and links to the others. A long
 * survey's questions come a page at a time (`?page=N`); the comments have pages of their own
 * (`?comments=N`), across every question.
 */
export function resultsPage(input: ResultsPageInput): Page {
  const { survey, version, paging } = input;
  const base = `/admin/surveys/${survey.slug}`;
  const pageHref = (n: number) => `${base}?version=${version.number}&page=${n}`;
  const pager = questionPager(paging, pageHref);
  return {
    title: `Results · ${survey.title}`,
    body: html`${adminNav(input.csrf)}
<h1>${survey.title}</h1>
<p class="lead">Version ${version.number}${version.current ? ' (current)' : ''}: ${formatCount(version.started)} started, ${formatCount(version.completed)} completed, completion rate ${rate(version.completed, version.started)}.</p>
<p class="actions"><a class="button button-secondary" href="${base}/responses.csv?version=${version.number}" download>Download CSV</a> <a class="button button-secondary" href="${base}/responses.json?version=${version.number}" download>Download JSON</a></p>
${versionList(base, input.versions, version.number)}
${questionSpan(paging)}${pager}
<h2>Drop-off</h2>
${dropOff(input.questions, version.started)}
<h2>Answers</h2>
${input.sections}
${pager}
<h2 id="comments">Comments</h2>
${commentList(survey, input, base)}
`,
  };
}

function versionList(base: string, versions: readonly VersionLine[], shown: number): SafeHtml {
  return html`<nav class="versions" aria-label="Survey versions"><h2>Versions</h2><ul>${versions.map(
    (v) =>
      html`<li><a href="${base}?version=${v.number}"${v.number === shown ? html` aria-current="page"` : ''}>Version ${v.number}</a>${v.current ? ' (current)' : ''} <span class="meta">since ${v.createdAt.slice(0, 10)}: ${formatCount(v.started)} started, ${formatCount(v.completed)} completed</span></li>`,
  )}</ul></nav>`;
}

function dropOff(questions: readonly QuestionResult[], started: number): SafeHtml {
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

function commentList(survey: Survey, input: ResultsPageInput, base: string): SafeHtml {
  if (input.comments.length === 0 && input.commentPage === 1) return html`<p>No comments yet.</p>`;
  const questions = input.paging.page > 1 ? `&page=${input.paging.page}` : '';
  const page = (n: number) =>
    `${base}?version=${input.version.number}${questions}&comments=${n}#comments`;
  return html`<table class="data-table comments">
<thead><tr><th scope="col">Response</th><th scope="col">Question</th><th scope="col">Answer</th><th scope="col">Comment</th></tr></thead>
<tbody>${input.comments.map(
    (c) =>
      html`<tr><td>#${c.responseId}</td><td>${survey.questions[c.question]?.text ?? `Question ${c.question + 1}`}</td><td>${c.answer}</td><td class="comment-text">${c.comment}</td></tr>`,
  )}</tbody></table>
<nav class="pager" aria-label="Comment pages">${input.commentPage > 1 ? html`<a rel="prev" href="${page(input.commentPage - 1)}">Page ${input.commentPage - 1}</a>` : ''} <span>Page ${input.commentPage}</span> ${input.hasMoreComments ? html`<a rel="next" href="${page(input.commentPage + 1)}">Page ${input.commentPage + 1}</a>` : ''}</nav>`;
}
