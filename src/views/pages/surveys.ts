import { usesPaths, type HiddenValues, type Survey } from '../../domain/index.js';
import { messages, type Messages } from '../../i18n/index.js';
import { html, type SafeHtml } from '../html.js';
import type { Page, PageLanguage } from '../layout.js';
import { csrfField, surveyPath } from './parts.js';

const ENGLISH: PageLanguage = { messages: messages('en') };

/** A survey text (title, instructions) in the page's language. */
export function surveyText(survey: Survey, m: Messages, text: string): string {
  return survey.languages?.text(text, m.lang) ?? text;
}

/**
 * `GET /surveys/:slug` of an archived survey (its file removed, issue 16): its title and that
 * it has ended, with no way to start it. Instructions and the question count are left out:
 * they describe a survey that can no longer be taken.
 */
export function endedPage(survey: Survey, language: PageLanguage = ENGLISH): Page {
  const m = language.messages;
  const title = surveyText(survey, m, survey.title);
  return {
    title,
    language,
    body: html`<h1>${title}</h1>
<p class="closed">${m.t('ended')}</p>
`,
  };
}

/** `GET /`: every survey, each linking to its start page. */
export function homePage(surveys: readonly Survey[]): Page {
  return {
    title: 'Surveys',
    body: html`<h1>Surveys</h1>
<ul class="survey-list">${surveys.map(
      (s) =>
        html`<li><a href="${surveyPath(s.slug)}">${s.title}</a> <span class="meta">${questionCount(s)}</span></li>`,
    )}</ul>
`,
  };
}

/** Where a respondent stands in a survey, as the start page needs to know it. */
export type StartState =
  | { readonly kind: 'new' }
  | { readonly kind: 'in-progress'; readonly answered: number }
  | { readonly kind: 'completed'; readonly canRetake: boolean };

/**
 * Why no response may begin now (SURVEYS.md §8), as the start page shows it: the survey's
 * `closedMessage` or the built-in sentence, and whether someone part-way through may still
 * finish (within the hour after `closes`, and never once every place is taken).
 */
export interface ClosedNotice {
  readonly message: string;
  readonly canContinue: boolean;
}

/**
 * `GET /surveys/:slug`: title, instructions, number of questions and the Start form. Every
 * form that begins a response carries the link's `hidden` values on to `begin` (SURVEYS.md §6).
 * While the survey is not open (`closed`) the page says why instead of offering a start.
 */
export function startPage(
  survey: Survey,
  state: StartState,
  csrf: string,
  hidden: HiddenValues = {},
  closed?: ClosedNotice,
  language: PageLanguage = ENGLISH,
): Page {
  const m = language.messages;
  const title = surveyText(survey, m, survey.title);
  const instructions = surveyText(survey, m, survey.instructions);
  return {
    title,
    language,
    body: html`<h1>${title}</h1>
${instructions === '' ? '' : html`<p class="instructions">${instructions}</p>`}
<p class="meta">${questionCount(survey, m)}</p>
${closed === undefined ? startActions(survey, state, csrf, hidden, m) : closedActions(survey, state, closed, m)}
`,
  };
}

function startActions(
  survey: Survey,
  state: StartState,
  csrf: string,
  hidden: HiddenValues,
  m: Messages,
): SafeHtml {
  const path = surveyPath(survey.slug);
  // The language goes through `begin` with the form, as hidden fields do (SURVEYS.md §5).
  const chosen = survey.languages === undefined ? {} : { lang: m.lang };
  const carried = Object.entries({ ...hidden, ...chosen }).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  const begin = (label: string, kind: 'primary' | 'secondary') =>
    html`<form method="post" action="${path}/begin">${csrfField(csrf)}${carried}<button type="submit" class="button button-${kind}">${label}</button></form>`;
  switch (state.kind) {
    case 'new':
      return begin(m.t('start'), 'primary');
    case 'in-progress':
      // On a survey with paths the count of questions says little (pages hold several, and
      // some are not on everyone's path): the Continue link goes to the page they are on.
      return html`<p>${
        usesPaths(survey)
          ? m.t('partWay')
          : m.t('answeredOf', { answered: state.answered, total: survey.questions.length })
      }</p>
<div class="actions"><a class="button button-primary" href="${path}/questions/${state.answered}">${m.t('continue')}</a>${begin(m.t('startOver'), 'secondary')}</div>`;
    case 'completed':
      return html`${completedLine(path, m)}${state.canRetake ? begin(m.t('takeAgain'), 'secondary') : ''}`;
  }
}

/** The start page's actions while no response may begin: only what is still possible. */
function completedLine(path: string, m: Messages): SafeHtml {
  return html`<p class="done">${m.t('completed')} <a href="${path}/complete">${m.t('seeAnswers')}</a>.</p>`;
}

function closedActions(
  survey: Survey,
  state: StartState,
  closed: ClosedNotice,
  m: Messages,
): SafeHtml {
  const path = surveyPath(survey.slug);
  const notice = html`<p class="closed" role="status">${closed.message}</p>`;
  switch (state.kind) {
    case 'new':
      return notice;
    case 'in-progress':
      return closed.canContinue
        ? html`${notice}
<p>${m.t('canStillFinish')}</p>
<div class="actions"><a class="button button-primary" href="${path}/questions/${state.answered}">${m.t('continue')}</a></div>`
        : notice;
    case 'completed':
      return html`${completedLine(path, m)}${notice}`;
  }
}

function questionCount(survey: Survey, m: Messages = ENGLISH.messages): string {
  return m.t('questionCount', { count: survey.questions.length });
}
