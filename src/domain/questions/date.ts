/**
 * `date`: `YYYY-MM-DD`, with `min`/`max` each a date or `today` (the injected clock's UTC
 * date at the time of the answer, so a survey can ask for a past date without a yearly edit).
 */
import { z } from 'zod';
import { head, strict, tail } from './common.js';
import { fields, readOne } from './form.js';
import type { QuestionKind, StoredRow } from './kind.js';
import { countAnswered } from './summary.js';

/** True for a real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Days since 1970-01-01: the row's `num`, so SQL can bucket dates for a histogram. */
export function epochDay(value: string): number {
  return Date.parse(`${value}T00:00:00Z`) / 86_400_000;
}

const bound = (what: string) => {
  const error = `${what} must be a date written YYYY-MM-DD, or today`;
  // One string schema with one refinement: a union's error would name neither branch.
  return z.string({ error }).refine((v) => v === 'today' || isIsoDate(v), { error });
};

export const dateSchema = strict({
  ...head('date'),
  min: bound('min').optional(),
  max: bound('max').optional(),
  ...tail(),
}).refine(
  // With `today` on one side the order depends on the day; only fixed dates are compared.
  (q) =>
    q.min === undefined ||
    q.max === undefined ||
    q.min === 'today' ||
    q.max === 'today' ||
    q.min <= q.max,
  { path: ['min'], message: 'min must not be after max' },
);

export type DateQuestion = z.output<typeof dateSchema>;

/** The middle date (the earlier of the two middles: a median date must be a real day). */
function medianDay(days: readonly string[]): string | null {
  const sorted = [...days].sort();
  return sorted[(sorted.length - 1) >> 1] ?? null;
}

function datesOf(responses: readonly (readonly StoredRow[])[]): string[] {
  return responses.flatMap((rows) => rows.flatMap((r) => (r.role === 'answer' ? [r.value] : [])));
}

export const date = {
  schema: dateSchema,
  answerable: true,
  several: false,
  parse(form, q, ctx) {
    const field = ctx.names.answer;
    const posted = readOne(form, field);
    if (posted.kind === 'none') {
      return q.required
        ? { ok: false, errors: { [field]: ctx.m.t('enterDate') } }
        : { ok: true, value: null };
    }
    if (posted.kind === 'many' || !isIsoDate(posted.value)) {
      return {
        ok: false,
        errors: { [field]: ctx.m.t('dateFormat') },
      };
    }
    const resolve = (b: string | undefined) => (b === 'today' ? ctx.today() : b);
    const [min, max] = [resolve(q.min), resolve(q.max)];
    if (min !== undefined && posted.value < min) {
      return { ok: false, errors: { [field]: ctx.m.t('dateFrom', { min }) } };
    }
    if (max !== undefined && posted.value > max) {
      return { ok: false, errors: { [field]: ctx.m.t('dateUntil', { max }) } };
    }
    return { ok: true, value: posted.value };
  },
  format: (value, _q, names) => fields([[names.answer, value]]),
  toRows: (value) => [{ role: 'answer', item: null, value, num: epochDay(value) }],
  fromRows: (rows) => rows.find((r) => r.role === 'answer')?.value ?? null,
  exportColumns: (q) => [q.text],
  exportCells: (value) => [value ?? ''],
  exportJson: (value) => ({ answer: value }),
  figures: ['min', 'max', 'median'],
  summarise(responses) {
    const days = datesOf(responses).sort();
    return {
      answered: countAnswered(responses),
      min: days[0] ?? null,
      max: days.at(-1) ?? null,
      median: medianDay(days),
    };
  },
} as const satisfies QuestionKind<DateQuestion, string>;
