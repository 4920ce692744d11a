/** `text`: one line, `maxlength` from `max` (500 by default), with an optional placeholder. */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import { wordsOf, type Renderer } from './context.js';
import { lengthHint } from './parts/length-hint.js';
import { fieldId } from './parts/ids.js';
import { described, single, smallPrintIds } from './parts/block.js';
import { typed } from './parts/values.js';

export const text: Renderer<QuestionOf<'text'>> = (q, ctx) => {
  const name = ctx.names.answer;
  const id = fieldId(name);
  const hint = lengthHint(q.min, q.max, wordsOf(ctx));
  const placeholder = q.placeholder === undefined ? '' : html` placeholder="${q.placeholder}"`;
  return single(
    q,
    ctx,
    id,
    hint,
    html`<input class="input" type="text" id="${id}" name="${name}" value="${typed(ctx.values, name)}" maxlength="${q.max}" dir="auto"${placeholder}${described(ctx, name, smallPrintIds(q, ctx, hint))}>`,
  );
};
