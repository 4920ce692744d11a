/** `multi`: checkboxes sharing the answer field; exclusive choices, then Other, come last. */
import type { QuestionOf } from '../../domain/questions/index.js';
import type { Renderer } from './context.js';
import { optionList, otherBox, otherOption } from './parts/options.js';
import { shownOrder } from './parts/order.js';
import { group } from './parts/block.js';

const answers = (n: number) => `${n} ${n === 1 ? 'answer' : 'answers'}`;

/** How many to tick, in the words of the server's messages. */
function countHint(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && min > 0 && max !== undefined) {
    return min === max ? `Choose ${answers(min)}.` : `Choose ${min} to ${answers(max)}.`;
  }
  if (min !== undefined && min > 0) return `Choose at least ${answers(min)}.`;
  if (max !== undefined) return `Choose up to ${answers(max)}.`;
  return 'Choose all that apply.';
}

export const multi: Renderer<QuestionOf<'multi'>> = (q, ctx) => {
  const shown = shownOrder(q.choices, q.shuffle, q.id, ctx).map((c) =>
    c.exclusive === true ? { ...c, extraClass: 'choice-exclusive' } : c,
  );
  const options = [...shown, ...otherOption(q.other, q.choices, ctx)];
  return group(q, ctx, optionList('checkbox', options, ctx, otherBox(q.other, ctx)), {
    hint: countHint(q.min, q.max),
  });
};
