/** `dropdown`: a `<select>` whose first, empty option asks for a choice; Other as for `choice`. */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import type { Renderer } from './context.js';
import { fieldId } from './parts/ids.js';
import { otherBox, otherOption } from './parts/options.js';
import { described, single, smallPrintIds } from './parts/block.js';
import { picked } from './parts/values.js';

export const dropdown: Renderer<QuestionOf<'dropdown'>> = (q, ctx) => {
  const name = ctx.names.answer;
  const id = fieldId(name);
  const chosen = picked(ctx.values, name);
  const options = [...q.choices, ...otherOption(q.other, q.choices, ctx)].map(
    (c) =>
      html`<option value="${c.id}"${chosen.includes(c.id) ? ' selected' : ''}>${c.text}</option>`,
  );
  const select = html`<select class="input" id="${id}" name="${name}"${described(ctx, name, smallPrintIds(q, ctx, undefined))}><option value="">${ctx.messages?.t('chooseOne') ?? 'Choose…'}</option>${options}</select>`;
  return single(q, ctx, id, undefined, html`${select}${otherBox(q.other, ctx)}`);
};
