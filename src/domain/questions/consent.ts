/**
 * `consent`: one checkbox posting `yes`. `required` (the default) means it must be ticked;
 * an optional consent left unticked is stored as no answer.
 */
import type { z } from 'zod';
import { head, nonBlank, strict, tail } from './common.js';
import { fields, readOne } from './form.js';
import type { QuestionKind } from './kind.js';
import { choiceFigures } from './summary.js';

export const consentSchema = strict({
  ...head('consent'),
  /** The checkbox's label; the question text when absent. */
  label: nonBlank('label', 1_000).optional(),
  ...tail(),
});

export type ConsentQuestion = z.output<typeof consentSchema>;

export const consent = {
  schema: consentSchema,
  answerable: true,
  several: false,
  parse(form, q, ctx) {
    const posted = readOne(form, ctx.names.answer);
    if (posted.kind === 'none') {
      return q.required
        ? { ok: false, errors: { [ctx.names.answer]: ctx.m.t('tickToGoOn') } }
        : { ok: true, value: null };
    }
    if (posted.kind === 'many' || posted.value !== 'yes') {
      return {
        ok: false,
        errors: { [ctx.names.answer]: ctx.m.t('tickOrLeave') },
      };
    }
    return { ok: true, value: true };
  },
  format: (_value, _q, names) => fields([[names.answer, 'yes']]),
  toRows: () => [{ role: 'answer', item: null, value: 'yes', num: null }],
  fromRows: (rows) => (rows.some((r) => r.role === 'answer') ? true : null),
  exportColumns: (q) => [q.text],
  // §9: `1` or empty.
  exportCells: (value) => [value === true ? 1 : ''],
  exportJson: (value) => ({ answer: value }),
  figures: ['choices'],
  summarise: (responses, q) =>
    choiceFigures(responses, [{ id: 'yes', text: q.label ?? q.text }], false),
} as const satisfies QuestionKind<ConsentQuestion, true>;
