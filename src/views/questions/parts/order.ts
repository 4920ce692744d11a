/** The order items are shown in: the file's, or drawn from the response when `shuffle` is set. */
import { shuffled } from '../../../domain/questions/index.js';
import type { RenderContext } from '../context.js';

export function shownOrder<
  T extends { readonly id: string; readonly exclusive?: boolean | undefined },
>(
  items: readonly T[],
  shuffle: boolean,
  questionId: string,
  ctx: Pick<RenderContext, 'responseId'>,
): readonly T[] {
  if (shuffle) return shuffled(items, ctx.responseId, questionId);
  // Exclusive choices ("None of these") always come last, as `shuffled` puts them.
  return [
    ...items.filter((i) => i.exclusive !== true),
    ...items.filter((i) => i.exclusive === true),
  ];
}
