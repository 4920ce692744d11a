/**
 * `email`: `<input type=email>`, checked on the server (the form has `novalidate`). The
 * address keeps `dir="auto"` like every free-text box: it may sit among right-to-left text.
 */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import type { Renderer } from './context.js';
import { fieldId } from './parts/ids.js';
import { described, single, smallPrintIds } from './parts/block.js';
import { typed } from './parts/values.js';

export const email: Renderer<QuestionOf<'email'>> = (q, ctx) => {
  const name = ctx.names.answer;
  const id = fieldId(name);
  return single(
    q,
    ctx,
    id,
    undefined,
    html`<input class="input" type="email" id="${id}" name="${name}" value="${typed(ctx.values, name)}" maxlength="254" autocomplete="email" spellcheck="false" dir="auto"${described(ctx, name, smallPrintIds(q, ctx, undefined))}>`,
  );
};
