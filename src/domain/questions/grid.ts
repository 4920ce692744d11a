/**
 * `grid`: one radio group per row, the same columns for every row (a Likert table). Each row
 * posts its column id as `answer.ROWID`. Columns may carry a `value`, which gives each row a
 * mean. `required` means every row; an optional grid may be answered row by row.
 */
import type { z } from 'zod';
import { head, shuffleKey, strict, tail } from './common.js';
import { fields, readOne } from './form.js';
import type { QuestionKind } from './kind.js';
import { columnItem, itemList, rowItem } from './items.js';
import { choiceFigures, mean, percent } from './summary.js';

export const gridSchema = strict({
  ...head('grid'),
  rows: itemList(rowItem, 'rows', 1, 50),
  columns: itemList(columnItem, 'columns', 2, 12),
  shuffle: shuffleKey,
  ...tail(),
});

export type GridQuestion = z.output<typeof gridSchema>;

/** The answered rows in the survey's row order, each with its column id. */
export type GridValue = readonly { readonly row: string; readonly column: string }[];

const textOf = (items: readonly { id: string; text: string }[], id: string) =>
  items.find((i) => i.id === id)?.text ?? id;

export const grid = {
  schema: gridSchema,
  answerable: true,
  several: true,
  parse(form, q, ctx) {
    const errors: Record<string, string> = {};
    const value: { row: string; column: string }[] = [];
    for (const row of q.rows) {
      const field = ctx.names.part(row.id);
      const posted = readOne(form, field);
      if (posted.kind === 'none') {
        if (q.required) errors[field] = ctx.m.t('chooseForRow', { row: row.text });
      } else if (posted.kind === 'many' || !q.columns.some((c) => c.id === posted.value)) {
        errors[field] = ctx.m.t('chooseListedForRow', { row: row.text });
      } else value.push({ row: row.id, column: posted.value });
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors: errors };
    return { ok: true, value: value.length === 0 ? null : value };
  },
  format: (value, _q, names) => fields(value.map((a) => [names.part(a.row), a.column])),
  toRows: (value, q) =>
    value.map((a) => ({
      role: 'answer',
      item: a.row,
      value: a.column,
      num: q.columns.find((c) => c.id === a.column)?.value ?? null,
    })),
  fromRows(rows, q) {
    const byRow = new Map(
      rows.flatMap((r) => (r.role === 'answer' && r.item !== null ? [[r.item, r.value]] : [])),
    );
    const value = q.rows.flatMap((row) => {
      const column = byRow.get(row.id);
      return column === undefined ? [] : [{ row: row.id, column }];
    });
    return value.length === 0 ? null : value;
  },
  // §9: one column per row `TEXT [ROW]` holding the column's text.
  exportColumns: (q) => q.rows.map((row) => `${q.text} [${row.text}]`),
  exportCells: (value, q) =>
    q.rows.map((row) => {
      const column = value?.find((a) => a.row === row.id)?.column;
      return column === undefined ? '' : textOf(q.columns, column);
    }),
  exportJson: (value, q) => ({
    answer:
      value === null
        ? null
        : Object.fromEntries(
            value.map((a) => [textOf(q.rows, a.row), textOf(q.columns, a.column)]),
          ),
  }),
  figures: ['rows'],
  summarise(responses, q) {
    const answered = responses.filter((rows) => rows.some((r) => r.role === 'answer')).length;
    const valued = q.columns.some((c) => c.value !== undefined);
    return {
      answered,
      rows: q.rows.map((row) => {
        const mine = responses.map((rows) =>
          rows.filter((r) => r.role === 'answer' && r.item === row.id),
        );
        const figures = choiceFigures(mine, q.columns, false);
        const nums = mine.flat().flatMap((r) => (r.num === null ? [] : [r.num]));
        return {
          id: row.id,
          text: row.text,
          answered: figures.answered,
          choices: (figures.choices ?? []).map((c) => ({
            ...c,
            percent: percent(c.count, figures.answered),
          })),
          ...(valued ? { mean: mean(nums) } : {}),
        };
      }),
    };
  },
} as const satisfies QuestionKind<GridQuestion, GridValue>;
