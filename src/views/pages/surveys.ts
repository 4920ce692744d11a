import { usesPaths, type HiddenValues, type Survey } from '../../domain/index.js';
import { html, type SafeHtml } from '../html.js';
import type { Page } from '../layout.js';
import { csrfField, surveyPath } from './parts.js';

/**
 * `GET /surveys/:slug` of an archived survey (its file removed, issue 16): its title and that
 * it has ended, with no way to start it. Instructions and the question count are left out:
 * they describe a survey that can no longer be taken.
 */
export function endedPage(survey: Survey): Page {
  return {
    title: survey.title,
    body: html`<h1>${survey.title}</h1>
<p class="closed">This survey has ended.</p>
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
): Page {
  return {
    title: survey.title,
    body: html`<h1>${survey.title}</h1>
${survey.instructions === '' ? '' : html`<p class="instructions">${survey.instructions}</p>`}
<p class="meta">${questionCount(survey)}</p>
${closed === undefined ? startActions(survey, state, csrf, hidden) : closedActions(survey, state, closed)}
`,
  };
}

function startActions(
  survey: Survey,
  state: StartState,
  csrf: string,
  hidden: HiddenValues,
): SafeHtml {
  const path = surveyPath(survey.slug);
  const carried = Object.entries(hidden).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  const begin = (label: string, kind: 'primary' | 'secondary') =>
    html`<form method="post" action="${path}/begin">${csrfField(csrf)}${carried}<button type="submit" class="button button-${kind}">${label}</button></form>`;
  switch (state.kind) {
    case 'new':
      return begin('Start', 'primary');
    case 'in-progress':
      // On a survey with paths the count of questions says little (pages hold several, and
      // some are not on everyone's path): the Continue link goes to the page they are on.
      return html`<p>${
        usesPaths(survey)
          ? 'You are part-way through this survey.'
          : `You have answered ${state.answered} of ${survey.questions.length} questions.`
      }</p>
<div class="actions"><a class="button button-primary" href="${path}/questions/${state.answered}">Continue</a>${begin('Start over', 'secondary')}</div>`;
    case 'completed':
      return html`<p class="done">You have completed this survey. <a href="${path}/complete">See your answers</a>.</p>${
        state.canRetake ? begin('Take it again', 'secondary') : ''
      }`;
  }
}

/** The start page's actions while no response may begin: only what is still possible. */
function closedActions(survey: Survey, state: StartState, closed: ClosedNotice): SafeHtml {
  const path = surveyPath(survey.slug);
  const notice = html`<p class="closed" role="status">${closed.message}</p>`;
  switch (state.kind) {
    case 'new':
      return notice;
    case 'in-progress':
      return closed.canContinue
        ? html`${notice}
<p>You can still finish the survey you began.</p>
<div class="actions"><a class="button button-primary" href="${path}/questions/${state.answered}">Continue</a></div>`
        : notice;
    case 'completed':
      return html`<p class="done">You have completed this survey. <a href="${path}/complete">See your answers</a>.</p>${notice}`;
  }
}

function questionCount(survey: Survey): string {
  const n = survey.questions.length;
  return `${n} ${n === 1 ? 'question' : 'questions'}`;
}
