/** `choice`: a radio group; Other adds a last radio and its text box. Format 1's markup. */
import type { QuestionOf } from '../../domain/questions/index.js';
import type { Renderer } from './context.js';
import { optionList, otherBox, otherOption } from './parts/options.js';
import { shownOrder } from './parts/order.js';
import { group } from './parts/block.js';

export const choice: Renderer<QuestionOf<'choice'>> = (q, ctx) => {
  const shown = shownOrder(q.choices, q.shuffle, q.id, ctx);
  const options = [...shown, ...otherOption(q.other, q.choices, ctx)];
  return group(q, ctx, optionList('radio', options, ctx, otherBox(q.other, ctx)));
};
