/** `text`: one line, `maxlength` from `max` (500 by default), with an optional placeholder. */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import type { Renderer } from './context.js';
import { lengthHint } from './free-text.js';
import { fieldId } from './ids.js';
import { described, single, smallPrintIds } from './parts.js';
import { typed } from './values.js';

export const text: Renderer<QuestionOf<'text'>> = (q, ctx) => {
  const name = ctx.names.answer;
  const id = fieldId(name);
  const hint = lengthHint(q.min, q.max);
  const placeholder = q.placeholder === undefined ? '' : html` placeholder="${q.placeholder}"`;
  return single(
    q,
    ctx,
    id,
    hint,
    html`<input class="input" type="text" id="${id}" name="${name}" value="${typed(ctx.values, name)}" maxlength="${q.max}" dir="auto"${placeholder}${described(ctx, name, smallPrintIds(q, ctx, hint))}>`,
  );
};
