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
export function completePage(
  survey: Survey,
  answers: readonly AnswerSummary[],
  /** The survey's `thankYou`, or the `endText` of the ending that ended it, pipes filled in. */
  message?: string,
): Page {
  const lead =
    message === undefined
      ? html`<p class="lead">Your answers to <strong>${survey.title}</strong> have been recorded.</p>`
      : html`<p class="lead" dir="auto">${message}</p>`;
  return {
    title: `Thank you · ${survey.title}`,
    body: html`<h1 class="thanks-title">Thank you!</h1>
${lead}
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
