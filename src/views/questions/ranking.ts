/**
 * `ranking`: one `<select>` of ranks per choice, named `names.part(choice id)`, each labelled
 * by its choice. An error about the whole ranking sits on the fieldset, which takes the
 * answer field's id (and tabindex -1) so the error summary's link moves the focus to it.
 */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import type { Messages } from '../../i18n/index.js';
import { wordsOf, type RenderContext, type Renderer } from './context.js';
import { fieldId } from './parts/ids.js';
import { described, fieldError, group } from './parts/block.js';
import { shownOrder } from './parts/order.js';
import { picked } from './parts/values.js';

type RankingQuestion = QuestionOf<'ranking'>;

function rankHint(n: number, all: number, m: Messages): string {
  return m.t(n === all ? 'hintRankAll' : 'hintRankTop', { count: n });
}

function rankSelect(choice: { id: string; text: string }, n: number, ctx: RenderContext) {
  const name = ctx.names.part(choice.id);
  const id = fieldId(name);
  const chosen = picked(ctx.values, name);
  const ranks = Array.from({ length: n }, (_, i) => String(i + 1)).map(
    (r) => html`<option value="${r}"${chosen.includes(r) ? ' selected' : ''}>${r}</option>`,
  );
  return html`<div class="rank">
<label for="${id}">${choice.text}</label>
${fieldError(ctx, name)}
<select class="input input-rank" id="${id}" name="${name}"${described(ctx, name)}><option value="">—</option>${ranks}</select>
</div>`;
}

export const ranking: Renderer<RankingQuestion> = (q, ctx) => {
  const n = q.top ?? q.choices.length;
  const shown = shownOrder(q.choices, q.shuffle, q.id, ctx);
  const body = html`<div class="ranks">${shown.map((c) => rankSelect(c, n, ctx))}</div>`;
  return group(q, ctx, body, {
    hint: rankHint(n, q.choices.length, wordsOf(ctx)),
    id: fieldId(ctx.names.answer),
  });
};
