import type { Survey } from '../../domain/index.js';
import { html, type SafeHtml } from '../html.js';
import type { Page } from '../layout.js';
import { csrfField, surveyPath } from './parts.js';

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

/** `GET /surveys/:slug`: title, instructions, number of questions and the Start form. */
export function startPage(survey: Survey, state: StartState, csrf: string): Page {
  return {
    title: survey.title,
    body: html`<h1>${survey.title}</h1>
${survey.instructions === '' ? '' : html`<p class="instructions">${survey.instructions}</p>`}
<p class="meta">${questionCount(survey)}</p>
${startActions(survey, state, csrf)}
`,
  };
}

function startActions(survey: Survey, state: StartState, csrf: string): SafeHtml {
  const path = surveyPath(survey.slug);
  const begin = (label: string, kind: 'primary' | 'secondary') =>
    html`<form method="post" action="${path}/begin">${csrfField(csrf)}<button type="submit" class="button button-${kind}">${label}</button></form>`;
  switch (state.kind) {
    case 'new':
      return begin('Start', 'primary');
    case 'in-progress':
      return html`<p>You have answered ${state.answered} of ${survey.questions.length} questions.</p>
<div class="actions"><a class="button button-primary" href="${path}/questions/${state.answered}">Continue</a>${begin('Start over', 'secondary')}</div>`;
    case 'completed':
      return html`<p class="done">You have completed this survey. <a href="${path}/complete">See your answers</a>.</p>${
        state.canRetake ? begin('Take it again', 'secondary') : ''
      }`;
  }
}

function questionCount(survey: Survey): string {
  const n = survey.questions.length;
  return `${n} ${n === 1 ? 'question' : 'questions'}`;
}
