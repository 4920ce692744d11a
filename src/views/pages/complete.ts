import type { Survey } from '../../domain/index.js';
import { messages } from '../../i18n/index.js';
import { html } from '../html.js';
import type { Page, PageLanguage } from '../layout.js';

/** One answer as the thank-you page lists it. */
export interface AnswerSummary {
  readonly question: number;
  /**
   * The question's text as the respondent read it: in the page's language, pipes filled in
   * (SURVEYS.md §6). Plain text, escaped here; absent → the question's own text.
   */
  readonly text?: string;
  readonly answer: string;
  readonly comment: string | null;
}

/** `GET /surveys/:slug/complete`: thanks, and the respondent's own answers. */
export function completePage(
  survey: Survey,
  answers: readonly AnswerSummary[],
  /** The survey's `thankYou`, or the `endText` of the ending that ended it, pipes filled in. */
  message?: string,
  language: PageLanguage = { messages: messages('en') },
): Page {
  const m = language.messages;
  const title = survey.languages?.text(survey.title, m.lang) ?? survey.title;
  const [before, inside, after] = m.parts('recorded', { title });
  const lead =
    message === undefined
      ? html`<p class="lead">${before}<strong>${inside}</strong>${after}</p>`
      : html`<p class="lead" dir="auto">${message}</p>`;
  const questionText = (index: number) => {
    const text = survey.questions[index]?.text;
    if (text === undefined) return m.t('questionNumber', { number: index + 1 });
    return survey.languages?.text(text, m.lang) ?? text;
  };
  return {
    title: m.t('thanksTitle', { title }),
    language,
    body: html`<h1 class="thanks-title">${m.t('thanks')}</h1>
${lead}
<h2>${m.t('yourAnswers')}</h2>
<ol class="answers">${answers.map(
      (a) =>
        html`<li><p class="answer-question">${a.text ?? questionText(a.question)}</p><p class="answer-choice">${a.answer}</p>${
          a.comment === null ? '' : html`<p class="answer-comment">${a.comment}</p>`
        }</li>`,
    )}</ol>
<p class="actions"><a class="button button-secondary" href="/">${m.t('backToSurveys')}</a></p>
`,
  };
}
