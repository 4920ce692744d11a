/**
 * `number`: `<input type=number>` with `min`/`max`, `step="1"` for whole numbers (else
 * `any`, so the browser's stepper never rounds a decimal), and the `unit` after the box.
 */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html, type SafeHtml } from '../html.js';
import type { Messages } from '../../i18n/index.js';
import { wordsOf, type Renderer } from './context.js';
import { fieldId, unitId } from './parts/ids.js';
import { described, single, smallPrintIds } from './parts/block.js';
import { typed } from './parts/values.js';

type NumberQuestion = QuestionOf<'number'>;

/** The bounds in the respondent's words, numbers written as the server's messages write them. */
function rangeHint(q: NumberQuestion, m: Messages): string | undefined {
  const whole = q.integer ? 'yes' : 'no';
  const { min, max } = q;
  if (min !== undefined && max !== undefined) return m.t('hintNumberRange', { whole, min, max });
  if (min !== undefined) return m.t('hintNumberMin', { whole, min });
  if (max !== undefined) return m.t('hintNumberMax', { whole, max });
  return q.integer ? m.t('hintWholeNumber') : undefined;
}

/**
 * The keyboard to offer on a phone: digits only when the answer can be neither negative nor
 * a fraction (phone number pads have no minus sign), else the browser's own for numbers.
 */
function inputMode(q: NumberQuestion): SafeHtml | '' {
  if (q.min === undefined || q.min < 0) return '';
  return q.integer ? html` inputmode="numeric"` : html` inputmode="decimal"`;
}

export const number: Renderer<NumberQuestion> = (q, ctx) => {
  const name = ctx.names.answer;
  const id = fieldId(name);
  const hint = rangeHint(q, wordsOf(ctx));
  const unit = q.unit === undefined ? undefined : unitId(name);
  const bounds = html`${q.min === undefined ? '' : html` min="${q.min}"`}${q.max === undefined ? '' : html` max="${q.max}"`}`;
  const attrs = html`${bounds} step="${q.integer ? '1' : 'any'}"${inputMode(q)}${described(ctx, name, [...smallPrintIds(q, ctx, hint), unit])}`;
  const input = html`<input class="input input-number" type="number" id="${id}" name="${name}" value="${typed(ctx.values, name)}"${attrs}>`;
  const control =
    unit === undefined
      ? input
      : html`<div class="with-unit">${input}<span id="${unit}" class="unit">${q.unit}</span></div>`;
  return single(q, ctx, id, hint, control);
};
