/**
 * `date`: `<input type=date>`. A bound written `today` becomes the input's `min`/`max` only
 * when the context gives today's date; the hint says "today" either way, and the server
 * checks the bound with its own clock.
 */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import type { Messages } from '../../i18n/index.js';
import { wordsOf, type RenderContext, type Renderer } from './context.js';
import { fieldId } from './parts/ids.js';
import { described, single, smallPrintIds } from './parts/block.js';
import { typed } from './parts/values.js';

const resolved = (bound: string | undefined, ctx: RenderContext) =>
  bound === 'today' ? ctx.today : bound;

/** Bounds stay `YYYY-MM-DD` (or `today`, in words) in every language, as the checks write them. */
function rangeHint(min: string | undefined, max: string | undefined, m: Messages) {
  if (min !== undefined && max !== undefined) return m.t('hintDateRange', { min, max });
  if (min !== undefined) return m.t('hintDateFrom', { min });
  if (max !== undefined) return m.t('hintDateUntil', { max });
  return undefined;
}

export const date: Renderer<QuestionOf<'date'>> = (q, ctx) => {
  const name = ctx.names.answer;
  const id = fieldId(name);
  const hint = rangeHint(q.min, q.max, wordsOf(ctx));
  const [min, max] = [resolved(q.min, ctx), resolved(q.max, ctx)];
  const bounds = html`${min === undefined ? '' : html` min="${min}"`}${max === undefined ? '' : html` max="${max}"`}`;
  return single(
    q,
    ctx,
    id,
    hint,
    html`<input class="input input-date" type="date" id="${id}" name="${name}" value="${typed(ctx.values, name)}"${bounds}${described(ctx, name, smallPrintIds(q, ctx, hint))}>`,
  );
};
