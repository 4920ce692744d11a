/** What rating and nps share: one whole number picked from a row of radios, `lo`…`hi`. */
import { fields, readOne, type FieldNames, type FormFields } from './form.js';
import type { ParseContext, StoredRow, ValueResult } from './kind.js';
import { choiceFigures, countAnswered, mean, median, numbersOf, type Summary } from './summary.js';

export function parsePoint(
  form: FormFields,
  { names, m }: ParseContext,
  lo: number,
  hi: number,
  required: boolean,
): ValueResult<number> {
  const posted = readOne(form, names.answer);
  if (posted.kind === 'none') {
    return required
      ? { ok: false, errors: { [names.answer]: m.t('chooseAnswer') } }
      : { ok: true, value: null };
  }
  const n =
    posted.kind === 'one' && /^(?:0|[1-9]\d?)$/.test(posted.value) ? Number(posted.value) : NaN;
  if (!(n >= lo && n <= hi)) {
    return { ok: false, errors: { [names.answer]: m.t('choosePoint', { lo, hi }) } };
  }
  return { ok: true, value: n };
}

export const point = {
  format: (value: number, _q: unknown, names: FieldNames): FormFields =>
    fields([[names.answer, String(value)]]),
  toRows: (value: number): readonly StoredRow[] => [
    { role: 'answer', item: null, value: String(value), num: value },
  ],
  fromRows: (rows: readonly StoredRow[]): number | null =>
    rows.find((r) => r.role === 'answer')?.num ?? null,
  exportColumns: (q: { readonly text: string }): readonly string[] => [q.text],
  exportCells: (value: number | null | undefined): readonly (number | string)[] => [value ?? ''],
  exportJson: (value: number | null) => ({ answer: value }),
} as const;

/** `choices[]` per point (`1`…`scale`, or `0`…`10`), plus mean, median, min and max. */
export function pointSummary(
  responses: readonly (readonly StoredRow[])[],
  lo: number,
  hi: number,
): Summary {
  const values = numbersOf(responses);
  const points = Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
  return {
    ...choiceFigures(
      responses,
      points.map((p) => ({ id: p, text: p })),
      false,
    ),
    answered: countAnswered(responses),
    mean: mean(values),
    median: median(values),
    min: values.length === 0 ? null : Math.min(...values),
    max: values.length === 0 ? null : Math.max(...values),
  };
}
