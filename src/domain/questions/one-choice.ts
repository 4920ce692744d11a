/**
 * Picking one of a list (choice, dropdown), with the optional Other box. The messages of a
 * format-1 question are today's, word for word (flow.ts), since its pages must not change.
 */
import { fields, readOne, isBlank, textProblem, type FieldNames, type FormFields } from './form.js';
import type { Cell, JsonPart, ParseContext, StoredRow, ValueResult } from './kind.js';
import { MAX_OTHER_LENGTH, otherLabel, otherValue, type Item } from './items.js';
import { choiceFigures, type Summary } from './summary.js';

/** One picked choice (by id), or Other with the respondent's text. */
export type OneChoice =
  | { readonly kind: 'choice'; readonly id: string }
  | { readonly kind: 'other'; readonly text: string };

export interface OneChoiceQuestion {
  readonly text: string;
  readonly choices: readonly Item[];
  readonly other: boolean | string;
  readonly required: boolean;
}

export function parseOneChoice(
  form: FormFields,
  q: OneChoiceQuestion,
  ctx: ParseContext,
): ValueResult<OneChoice> {
  const { names, m } = ctx;
  const posted = readOne(form, names.answer);
  if (posted.kind === 'none') {
    return q.required
      ? { ok: false, errors: { [names.answer]: m.t('chooseAnswer') } }
      : { ok: true, value: null };
  }
  if (posted.kind === 'many') {
    return { ok: false, errors: { [names.answer]: m.t('chooseExactlyOne') } };
  }
  if (q.other !== false && posted.value === otherValue(q.choices)) {
    const text = readOne(form, names.other);
    if (text.kind !== 'one' || isBlank(text.value)) {
      const what = typeof q.other === 'string' ? q.other : m.t('other');
      return { ok: false, errors: { [names.other]: m.t('sayWhatOther', { other: what }) } };
    }
    const problem = textProblem(text.value, MAX_OTHER_LENGTH, 'answer', m);
    if (problem !== undefined) return { ok: false, errors: { [names.other]: problem } };
    return { ok: true, value: { kind: 'other', text: text.value } };
  }
  if (!q.choices.some((c) => c.id === posted.value)) {
    return { ok: false, errors: { [names.answer]: m.t('chooseOneListed') } };
  }
  return { ok: true, value: { kind: 'choice', id: posted.value } };
}

export function formatOneChoice(
  value: OneChoice,
  q: OneChoiceQuestion,
  names: FieldNames,
): FormFields {
  return value.kind === 'choice'
    ? fields([[names.answer, value.id]])
    : fields([
        [names.answer, otherValue(q.choices)],
        [names.other, value.text],
      ]);
}

/** A picked choice is stored as its id; Other as its text under the role `other`. */
export function oneChoiceRows(value: OneChoice): readonly StoredRow[] {
  return [
    value.kind === 'choice'
      ? { role: 'answer', item: null, value: value.id, num: null }
      : { role: 'other', item: null, value: value.text, num: null },
  ];
}

export function oneChoiceFromRows(rows: readonly StoredRow[]): OneChoice | null {
  const row = rows.find((r) => r.role !== 'comment');
  if (row === undefined) return null;
  return row.role === 'other'
    ? { kind: 'other', text: row.value }
    : { kind: 'choice', id: row.value };
}

/** The text people saw; an id no longer in the list (a hand-edited database) shows as itself. */
function choiceText(q: OneChoiceQuestion, id: string): string {
  return q.choices.find((c) => c.id === id)?.text ?? id;
}

/** `TEXT`, plus `TEXT (other)` when Other is offered (§9). */
export function oneChoiceColumns(q: OneChoiceQuestion): readonly string[] {
  return q.other === false ? [q.text] : [q.text, `${q.text} (other)`];
}

export function oneChoiceCells(
  value: OneChoice | null | undefined,
  q: OneChoiceQuestion,
): readonly Cell[] {
  const main =
    value === null || value === undefined
      ? ''
      : value.kind === 'choice'
        ? choiceText(q, value.id)
        : otherLabel(q.other);
  if (q.other === false) return [main];
  return [main, value?.kind === 'other' ? value.text : ''];
}

export function oneChoiceJson(value: OneChoice | null, q: OneChoiceQuestion): JsonPart {
  if (value === null) return { answer: null };
  return value.kind === 'choice'
    ? { answer: choiceText(q, value.id) }
    : { answer: otherLabel(q.other), other: value.text };
}

export function oneChoiceSummary(
  responses: readonly (readonly StoredRow[])[],
  q: OneChoiceQuestion,
): Summary {
  return choiceFigures(responses, q.choices, q.other !== false);
}

/**
 * Everything a one-choice kind does besides its schema: `choice` and `dropdown` differ only in
 * their keys and their input, so each spreads this into its kind object.
 */
export const oneChoiceBehaviour = {
  answerable: true,
  several: false,
  parse: (form: FormFields, q: OneChoiceQuestion, ctx: ParseContext) =>
    parseOneChoice(form, q, ctx),
  format: formatOneChoice,
  toRows: oneChoiceRows,
  fromRows: oneChoiceFromRows,
  exportColumns: oneChoiceColumns,
  exportCells: oneChoiceCells,
  exportJson: oneChoiceJson,
  figures: ['choices', 'other'],
  summarise: oneChoiceSummary,
} as const;
