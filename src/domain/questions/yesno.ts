/**
 * `yesno`: two radios posting `yes` / `no`. The texts come from the language catalog (§5);
 * until it lands they are the English `Yes` / `No`.
 */
import type { z } from 'zod';
import { head, strict, tail } from './common.js';
import { fields } from './form.js';
import type { QuestionKind } from './kind.js';
import { parseOneChoice } from './one-choice.js';
import { choiceFigures } from './summary.js';

export const yesnoSchema = strict({ ...head('yesno'), ...tail() });

export type YesnoQuestion = z.output<typeof yesnoSchema>;
export type YesNo = 'yes' | 'no';

export const YESNO_CHOICES = [
  { id: 'yes', text: 'Yes' },
  { id: 'no', text: 'No' },
] as const;

const textOf = (value: YesNo) => (value === 'yes' ? 'Yes' : 'No');

export const yesno = {
  schema: yesnoSchema,
  answerable: true,
  several: false,
  parse(form, q, ctx) {
    const result = parseOneChoice(form, { ...q, choices: YESNO_CHOICES, other: false }, ctx);
    if (!result.ok) return result;
    if (result.value === null) return { ok: true, value: null };
    return {
      ok: true,
      value: result.value.kind === 'choice' && result.value.id === 'yes' ? 'yes' : 'no',
    };
  },
  format: (value, _q, names) => fields([[names.answer, value]]),
  toRows: (value) => [{ role: 'answer', item: null, value, num: null }],
  fromRows(rows) {
    const value = rows.find((r) => r.role === 'answer')?.value;
    return value === 'yes' || value === 'no' ? value : null;
  },
  exportColumns: (q) => [q.text],
  exportCells: (value) => [value === null || value === undefined ? '' : textOf(value)],
  exportJson: (value) => ({ answer: value === null ? null : textOf(value) }),
  figures: ['choices'],
  summarise: (responses) => choiceFigures(responses, YESNO_CHOICES, false),
} as const satisfies QuestionKind<YesnoQuestion, YesNo>;
