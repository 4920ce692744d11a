/**
 * `number`: a decimal number, with optional `min`, `max`, `integer` and a `unit` shown beside
 * the box. Accepted spelling is HTML's "valid floating-point number", what `<input
 * type=number>` posts, so a value the browser allowed is never refused here.
 */
import { z } from 'zod';
import { head, nonBlank, strict, tail } from './common.js';
import { fields, readOne } from './form.js';
import type { QuestionKind, StoredRow } from './kind.js';
import { countAnswered, mean, median, numbersOf } from './summary.js';

// zod 4 numbers are finite already.
const finite = (what: string) => z.number({ error: `${what} must be a number` });

export const numberSchema = strict({
  ...head('number'),
  min: finite('min').optional(),
  max: finite('max').optional(),
  integer: z.boolean({ error: 'integer must be true or false' }).default(false),
  unit: nonBlank('unit', 20).optional(),
  ...tail(),
}).refine((q) => q.min === undefined || q.max === undefined || q.min <= q.max, {
  path: ['min'],
  message: 'min must not be more than max',
});

export type NumberQuestion = z.output<typeof numberSchema>;

const FLOATING_POINT = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number back from its one row (`num`; the text is the same number, kept for export). */
export function numberFromRows(rows: readonly StoredRow[]): number | null {
  return rows.find((r) => r.role === 'answer')?.num ?? null;
}

export const number = {
  schema: numberSchema,
  answerable: true,
  several: false,
  parse(form, q, ctx) {
    const field = ctx.names.answer;
    const posted = readOne(form, field);
    if (posted.kind === 'many') return { ok: false, errors: { [field]: ctx.m.t('sendOneNumber') } };
    const typed = posted.kind === 'one' ? posted.value.trim() : '';
    if (typed === '') {
      return q.required
        ? { ok: false, errors: { [field]: ctx.m.t('enterNumber') } }
        : { ok: true, value: null };
    }
    const n = Number(typed);
    if (!FLOATING_POINT.test(typed) || !Number.isFinite(n)) {
      return { ok: false, errors: { [field]: ctx.m.t('numberFormat') } };
    }
    if (q.integer && !Number.isInteger(n)) {
      return { ok: false, errors: { [field]: ctx.m.t('wholeNumber') } };
    }
    if (q.min !== undefined && n < q.min) {
      return {
        ok: false,
        errors: { [field]: ctx.m.t('numberAtLeast', { min: q.min }) },
      };
    }
    if (q.max !== undefined && n > q.max) {
      return { ok: false, errors: { [field]: ctx.m.t('numberAtMost', { max: q.max }) } };
    }
    // -0 is stored and shown as 0: the respondent typed a zero.
    return { ok: true, value: n === 0 ? 0 : n };
  },
  format: (value, _q, names) => fields([[names.answer, String(value)]]),
  toRows: (value) => [{ role: 'answer', item: null, value: String(value), num: value }],
  fromRows: numberFromRows,
  exportColumns: (q) => [q.text],
  exportCells: (value) => [value ?? ''],
  exportJson: (value) => ({ answer: value }),
  figures: ['mean', 'median', 'min', 'max'],
  summarise(responses) {
    const values = numbersOf(responses);
    return {
      answered: countAnswered(responses),
      mean: mean(values),
      median: median(values),
      min: values.length === 0 ? null : Math.min(...values),
      max: values.length === 0 ? null : Math.max(...values),
    };
  },
} as const satisfies QuestionKind<NumberQuestion, number>;
