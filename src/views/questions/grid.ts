/**
 * `grid`: a table, one radio group per row (named `names.part(row id)`), one column per
 * answer. Each radio's accessible name is "ROW: COLUMN", so it makes sense out of the table
 * too; a row's error sits in its row header and describes the row's radios. The table
 * scrolls sideways inside a labelled, focusable region on a narrow screen (WCAG 1.4.10 allows
 * it for data tables), so keyboard users can scroll it too.
 */
import type { QuestionOf } from '../../domain/questions/index.js';
import { html } from '../html.js';
import type { RenderContext, Renderer } from './context.js';
import { controlId, fieldId, titleId } from './parts/ids.js';
import { described, fieldError, group } from './parts/block.js';
import { shownOrder } from './parts/order.js';
import { picked } from './parts/values.js';

type GridQuestion = QuestionOf<'grid'>;
type Item = { readonly id: string; readonly text: string };

function row(r: Item, columns: readonly Item[], ctx: RenderContext) {
  const name = ctx.names.part(r.id);
  const chosen = picked(ctx.values, name);
  const cells = columns.map((c, i) => {
    const id = controlId(name, i);
    const checked = chosen.includes(c.id) ? ' checked' : '';
    return html`<td><input type="radio" id="${id}" name="${name}" value="${c.id}"${checked}${described(ctx, name)}><label for="${id}" class="visually-hidden">${r.text}: ${c.text}</label></td>`;
  });
  const invalid = ctx.errors[name] === undefined ? '' : html` class="row-invalid"`;
  return html`<tr${invalid}><th scope="row">${r.text}${fieldError(ctx, name)}</th>${cells}</tr>`;
}

export const grid: Renderer<GridQuestion> = (q, ctx) => {
  const title = titleId(ctx.names.answer);
  const rows = shownOrder(q.rows, q.shuffle, q.id, ctx);
  const head = q.columns.map((c) => html`<th scope="col">${c.text}</th>`);
  const table = html`<div class="grid-scroll" role="region" aria-labelledby="${title}" tabindex="0">
<table class="grid-table">
<thead><tr><td></td>${head}</tr></thead>
<tbody>${rows.map((r) => row(r, q.columns, ctx))}</tbody>
</table>
</div>`;
  return group(q, ctx, table, { id: fieldId(ctx.names.answer), titleId: title });
};
