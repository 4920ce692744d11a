/**
 * A question's field names in the order the page shows them: the `order` the error summary
 * lists errors in, so its links run down the page as the fields do (GOV.UK error summary).
 */
import { hasComment, type Question } from '../../domain/questions/index.js';
import type { RenderContext } from './context.js';
import { shownOrder } from './parts/order.js';

type OrderContext = Pick<RenderContext, 'names' | 'responseId'>;

function answerFields(q: Question, ctx: OrderContext): string[] {
  const { names } = ctx;
  switch (q.type) {
    case 'statement':
      return [];
    case 'grid':
      return [
        names.answer,
        ...shownOrder(q.rows, q.shuffle, q.id, ctx).map((r) => names.part(r.id)),
      ];
    case 'ranking':
      return [
        names.answer,
        ...shownOrder(q.choices, q.shuffle, q.id, ctx).map((c) => names.part(c.id)),
      ];
    case 'choice':
    case 'dropdown':
    case 'multi':
      return q.other === false ? [names.answer] : [names.answer, names.other];
    default:
      return [names.answer];
  }
}

export function fieldOrder(q: Question, ctx: OrderContext): string[] {
  return hasComment(q) ? [...answerFields(q, ctx), ctx.names.comment] : answerFields(q, ctx);
}
