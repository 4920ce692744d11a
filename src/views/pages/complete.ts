import type { Survey } from '../../domain/index.js';
import { html } from '../html.js';
import type { Page } from '../layout.js';

/** One answer as the thank-you page lists it. */
export interface AnswerSummary {
  readonly question: number;
  readonly answer: string;
  readonly comment: string | null;
}

/** `GET /surveys/:slug/complete`: thanks, and the respondent's own answers. */
export function completePage(survey: Survey, answers: readonly AnswerSummary[]): Page {
  return {
    title: `Thank you · ${survey.title}`,
    body: html`<h1 class="thanks-title">Thank you!</h1>
<p class="lead">Your answers to <strong>${survey.title}</strong> have been recorded.</p>
<h2>Your answers</h2>
<ol class="answers">${answers.map(
      (a) =>
        html`<li><p class="answer-question">${survey.questions[a.question]?.text ?? `Question ${a.question + 1}`}</p><p class="answer-choice">${a.answer}</p>${
          a.comment === null ? '' : html`<p class="answer-comment">${a.comment}</p>`
        }</li>`,
    )}</ol>
<p class="actions"><a class="button button-secondary" href="/">Back to all surveys</a></p>
`,
  };
}
