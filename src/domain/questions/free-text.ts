/**
 * What text, longtext and email share: one typed string, stored and exported as typed.
 * White space alone counts as an empty box (spec silent: "required" should mean something).
 */
import { countCharacters } from '../numbers.js';
import { fields, isBlank, readOne, textProblem, type FieldNames, type FormFields } from './form.js';
import type { ParseContext, StoredRow, ValueResult } from './kind.js';
import { countAnswered, type Summary } from './summary.js';

export interface Lengths {
  readonly min?: number | undefined;
  readonly max: number;
  readonly required: boolean;
}

export function parseText(form: FormFields, q: Lengths, ctx: ParseContext): ValueResult<string> {
  const { names, m } = ctx;
  const posted = readOne(form, names.answer);
  if (posted.kind === 'many') {
    return { ok: false, errors: { [names.answer]: m.t('sendOneAnswer') } };
  }
  if (posted.kind === 'none' || isBlank(posted.value)) {
    return q.required
      ? { ok: false, errors: { [names.answer]: m.t('required') } }
      : { ok: true, value: null };
  }
  const problem = textProblem(posted.value, q.max, 'answer', m);
  if (problem !== undefined) return { ok: false, errors: { [names.answer]: problem } };
  const length = countCharacters(posted.value);
  if (q.min !== undefined && length < q.min) {
    return {
      ok: false,
      errors: { [names.answer]: m.t('answerTooShort', { length, min: q.min }) },
    };
  }
  return { ok: true, value: posted.value };
}

/** The parts of a kind that are the same for every one-string kind. */
export const oneString = {
  format: (value: string, _q: unknown, names: FieldNames): FormFields =>
    fields([[names.answer, value]]),
  toRows: (value: string): readonly StoredRow[] => [
    { role: 'answer', item: null, value, num: null },
  ],
  fromRows: (rows: readonly StoredRow[]): string | null =>
    rows.find((r) => r.role === 'answer')?.value ?? null,
  exportColumns: (q: { readonly text: string }): readonly string[] => [q.text],
  exportCells: (value: string | null | undefined): readonly string[] => [value ?? ''],
  exportJson: (value: string | null) => ({ answer: value }),
  figures: [],
  // §10: text answers are listed with paging; the only figure is `answered`.
  summarise: (responses: readonly (readonly StoredRow[])[]): Summary => ({
    answered: countAnswered(responses),
  }),
} as const;
