/**
 * Question renderers, one file per kind (issue 14 item 2); what they share is in `parts/`.
 * The map is typed by `Kind`, so a kind added to the registry without a renderer does not
 * compile.
 *
 * Element ids (parts/ids.ts): the first control of a field is `fieldId(name)` (`answer-0`,
 * `comment`, `q3.other-0`…), so the error summary's links always land; an error is
 * `NAME-error`, the help `NAME-help`, both tied to the field(s) by `aria-describedby`.
 *
 * `renderQuestion` gives the question's block, a newline, then its comment box when it has one
 * (else nothing): exactly what the format-1 page template put between the CSRF field and the
 * button, so that page stays byte for byte the same when it uses this.
 */
import type { Kind, Question, QuestionOf } from '../../domain/questions/index.js';
import { html, type SafeHtml } from '../html.js';
import { choice } from './choice.js';
import { commentBox } from './parts/comment.js';
import { consent } from './consent.js';
import type { RenderContext, Renderer } from './context.js';
import { date } from './date.js';
import { dropdown } from './dropdown.js';
import { email } from './email.js';
import { grid } from './grid.js';
import { longtext } from './longtext.js';
import { multi } from './multi.js';
import { nps } from './nps.js';
import { number } from './number.js';
import { ranking } from './ranking.js';
import { rating } from './rating.js';
import { statement } from './statement.js';
import { text } from './text.js';
import { yesno } from './yesno.js';

export type { RenderContext, Renderer } from './context.js';
export { fieldId } from './parts/ids.js';
export { errorSummary } from './error-summary.js';
export { fieldOrder } from './field-order.js';

export const renderers: { [K in Kind]: Renderer<QuestionOf<K>> } = {
  choice,
  dropdown,
  yesno,
  multi,
  text,
  longtext,
  email,
  number,
  date,
  rating,
  nps,
  grid,
  ranking,
  consent,
  statement,
};

/**
 * The renderer of a question's kind. TypeScript cannot correlate `question.type` with
 * `renderers[question.type]` through a union (as `kindOf` in the registry); the map's type
 * above is what guarantees each entry takes its own kind's question.
 */
function rendererOf(question: Question): Renderer<Question> {
  return renderers[question.type] as Renderer<Question>;
}

/**
 * True for a question format 1 could write: a `choice` whose choices are their own ids, with
 * none of format 2's options. Its comment box stays exactly today's.
 */
function isFormat1Choice(q: Question): boolean {
  return (
    q.type === 'choice' &&
    q.choices.every((c) => c.id === c.text) &&
    q.other === false &&
    !q.shuffle &&
    q.help === undefined &&
    q.required &&
    typeof q.allowText === 'boolean'
  );
}

/** The question's whole block, including its comment box when `allowText` asks for one. */
export function renderQuestion(question: Question, ctx: RenderContext): SafeHtml {
  const block = rendererOf(question)(question, ctx);
  const allowText = question.type === 'statement' ? false : question.allowText;
  const comment = allowText === false ? '' : commentBox(allowText, ctx, isFormat1Choice(question));
  return html`${block}
${comment}`;
}
