/** `multi`: checkboxes sharing the answer field; exclusive choices, then Other, come last. */
import type { QuestionOf } from '../../domain/questions/index.js';
import type { Messages } from '../../i18n/index.js';
import { wordsOf, type Renderer } from './context.js';
import { optionList, otherBox, otherOption } from './parts/options.js';
import { shownOrder } from './parts/order.js';
import { group } from './parts/block.js';

/** How many to tick, in the words of the server's messages. */
function countHint(min: number | undefined, max: number | undefined, m: Messages): string {
  if (min !== undefined && min > 0 && max !== undefined) {
    return min === max
      ? m.t('hintChooseCount', { count: min })
      : m.t('hintChooseRange', { min, max });
  }
  if (min !== undefined && min > 0) return m.t('hintChooseAtLeast', { min });
  if (max !== undefined) return m.t('hintChooseUpTo', { max });
  return m.t('hintChooseAll');
}

export const multi: Renderer<QuestionOf<'multi'>> = (q, ctx) => {
  const shown = shownOrder(q.choices, q.shuffle, q.id, ctx).map((c) =>
    c.exclusive === true ? { ...c, extraClass: 'choice-exclusive' } : c,
  );
  const options = [...shown, ...otherOption(q.other, q.choices, ctx)];
  return group(q, ctx, optionList('checkbox', options, ctx, otherBox(q.other, ctx)), {
    hint: countHint(q.min, q.max, wordsOf(ctx)),
  });
};
