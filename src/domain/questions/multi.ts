/**
 * `multi`: checkboxes. The field repeats, one value per ticked choice. An `exclusive` choice
 * ("None of these") is valid only alone, and alone it satisfies `min`. `required` means at
 * least one (or `min`). Other counts as one ticked choice.
 */
import type { z } from 'zod';
import { head, shuffleKey, strict, tail, wholeNumber } from './common.js';
import { fields, isBlank, readAll, readOne, textProblem } from './form.js';
import type { QuestionKind } from './kind.js';
import {
  itemList,
  MAX_OTHER_LENGTH,
  multiItem,
  otherKey,
  otherLabel,
  otherValue,
} from './items.js';
import { choiceFigures } from './summary.js';

export const multiSchema = strict({
  ...head('multi'),
  choices: itemList(multiItem, 'choices', 1, 50),
  min: wholeNumber('min', 0, 50).optional(),
  max: wholeNumber('max', 1, 50).optional(),
  other: otherKey,
  shuffle: shuffleKey,
  ...tail(),
}).superRefine((q, ctx) => {
  const offered = q.choices.length + (q.other === false ? 0 : 1);
  if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
    ctx.addIssue({ code: 'custom', path: ['min'], message: 'min must not be more than max' });
  }
  if (q.min !== undefined && q.min > offered) {
    ctx.addIssue({
      code: 'custom',
      path: ['min'],
      message: `min must be at most the ${offered} choices offered`,
    });
  }
});

export type MultiQuestion = z.output<typeof multiSchema>;

/** The ticked choice ids in the survey's order, and the Other text when Other is ticked. */
export interface MultiValue {
  readonly ids: readonly string[];
  readonly other?: string;
}

export const multi = {
  schema: multiSchema,
  answerable: true,
  several: true,
  parse(form, q, ctx) {
    const { names, m } = ctx;
    const ticked = new Set(readAll(form, names.answer));
    const otherId = otherValue(q.choices);
    const wantsOther = q.other !== false && ticked.delete(otherId);
    if ([...ticked].some((id) => !q.choices.some((c) => c.id === id))) {
      return {
        ok: false,
        errors: { [names.answer]: m.t('chooseListed') },
      };
    }
    const ids = q.choices.filter((c) => ticked.has(c.id));
    const count = ids.length + (wantsOther ? 1 : 0);
    if (count === 0) {
      return q.required
        ? { ok: false, errors: { [names.answer]: m.t('chooseAtLeastOne') } }
        : { ok: true, value: null };
    }
    const exclusive = ids.find((c) => c.exclusive === true);
    if (exclusive !== undefined && count > 1) {
      return {
        ok: false,
        errors: {
          [names.answer]: m.t('exclusiveAlone', { choice: exclusive.text }),
        },
      };
    }
    if (exclusive === undefined && q.min !== undefined && count < q.min) {
      return {
        ok: false,
        errors: { [names.answer]: m.t('chooseAtLeast', { min: q.min }) },
      };
    }
    if (q.max !== undefined && count > q.max) {
      return {
        ok: false,
        errors: { [names.answer]: m.t('chooseAtMost', { max: q.max }) },
      };
    }
    const value = { ids: ids.map((c) => c.id) };
    if (!wantsOther) return { ok: true, value };
    const text = readOne(form, names.other);
    if (text.kind !== 'one' || isBlank(text.value)) {
      return {
        ok: false,
        errors: {
          [names.other]: m.t('sayWhatOther', {
            other: typeof q.other === 'string' ? q.other : m.t('other'),
          }),
        },
      };
    }
    const problem = textProblem(text.value, MAX_OTHER_LENGTH, 'answer', m);
    if (problem !== undefined) return { ok: false, errors: { [names.other]: problem } };
    return { ok: true, value: { ...value, other: text.value } };
  },
  format: (value, q, names) =>
    fields([
      [names.answer, value.other === undefined ? value.ids : [...value.ids, otherValue(q.choices)]],
      [names.other, value.other],
    ]),
  toRows: (value) => [
    ...value.ids.map((id) => ({ role: 'answer', item: null, value: id, num: null }) as const),
    ...(value.other === undefined
      ? []
      : [{ role: 'other', item: null, value: value.other, num: null } as const]),
  ],
  fromRows(rows, q) {
    const ticked = new Set(rows.flatMap((r) => (r.role === 'answer' ? [r.value] : [])));
    const other = rows.find((r) => r.role === 'other')?.value;
    if (ticked.size === 0 && other === undefined) return null;
    const ids = q.choices.filter((c) => ticked.has(c.id)).map((c) => c.id);
    return other === undefined ? { ids } : { ids, other };
  },
  // §9: one column per choice `TEXT [CHOICE]` holding 1/0 (empty when not asked).
  exportColumns: (q) => [
    ...q.choices.map((c) => `${q.text} [${c.text}]`),
    ...(q.other === false ? [] : [`${q.text} (other)`]),
  ],
  exportCells(value, q) {
    const ticks = q.choices.map((c) =>
      value === undefined ? '' : value?.ids.includes(c.id) ? 1 : 0,
    );
    return q.other === false ? ticks : [...ticks, value?.other ?? ''];
  },
  exportJson(value, q) {
    if (value === null) return { answer: null };
    const texts = q.choices.filter((c) => value.ids.includes(c.id)).map((c) => c.text);
    return value.other === undefined
      ? { answer: texts }
      : { answer: [...texts, otherLabel(q.other)], other: value.other };
  },
  figures: ['choices', 'other'],
  // Percent of respondents who answered, so the bars may total more than 100%.
  summarise: (responses, q) => choiceFigures(responses, q.choices, q.other !== false),
} as const satisfies QuestionKind<MultiQuestion, MultiValue>;
