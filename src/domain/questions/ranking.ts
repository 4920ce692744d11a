/**
 * `ranking`: one `<select>` of ranks per choice, posted as `answer.CHOICEID` = `1`…N, where N
 * is `top` (rank only the first N) or the number of choices. Ranks must be distinct;
 * `required` means every choice, or the `top` N, has one.
 */
import type { z } from 'zod';
import { head, shuffleKey, strict, tail, wholeNumber } from './common.js';
import { fields, readOne } from './form.js';
import type { QuestionKind } from './kind.js';
import { choiceItem, itemList } from './items.js';
import { mean } from './summary.js';

export const rankingSchema = strict({
  ...head('ranking'),
  choices: itemList(choiceItem, 'choices', 2, 50),
  top: wholeNumber('top', 1, 50).optional(),
  shuffle: shuffleKey,
  ...tail(),
}).refine((q) => q.top === undefined || q.top <= q.choices.length, {
  path: ['top'],
  message: 'top must not be more than the number of choices',
});

export type RankingQuestion = z.output<typeof rankingSchema>;

/** The ranked choices, best (rank 1) first. */
export type RankingValue = readonly { readonly id: string; readonly rank: number }[];

const ranksOf = (q: RankingQuestion) => q.top ?? q.choices.length;
const textOf = (q: RankingQuestion, id: string) => q.choices.find((c) => c.id === id)?.text ?? id;

export const ranking = {
  schema: rankingSchema,
  answerable: true,
  several: true,
  parse(form, q, ctx) {
    const n = ranksOf(q);
    const errors: Record<string, string> = {};
    const given: { id: string; rank: number }[] = [];
    for (const choice of q.choices) {
      const field = ctx.names.part(choice.id);
      const posted = readOne(form, field);
      if (posted.kind === 'none') continue;
      const rank =
        posted.kind === 'one' && /^[1-9]\d?$/.test(posted.value) ? Number(posted.value) : 0;
      if (rank < 1 || rank > n) errors[field] = ctx.m.t('chooseRank', { count: n });
      else given.push({ id: choice.id, rank });
    }
    for (const a of given) {
      if (given.some((b) => b !== a && b.rank === a.rank)) {
        errors[ctx.names.part(a.id)] = ctx.m.t('rankOnce', { rank: a.rank });
      }
    }
    if (Object.keys(errors).length === 0 && q.required && given.length < n) {
      errors[ctx.names.answer] =
        n === q.choices.length ? ctx.m.t('rankEvery') : ctx.m.t('rankTop', { count: n });
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    if (given.length === 0) return { ok: true, value: null };
    return { ok: true, value: given.sort((a, b) => a.rank - b.rank) };
  },
  format: (value, _q, names) => fields(value.map((a) => [names.part(a.id), String(a.rank)])),
  toRows: (value) =>
    value.map((a) => ({ role: 'answer', item: a.id, value: String(a.rank), num: a.rank })),
  fromRows(rows) {
    const value = rows.flatMap((r) =>
      r.role === 'answer' && r.item !== null && r.num !== null ? [{ id: r.item, rank: r.num }] : [],
    );
    return value.length === 0 ? null : value.sort((a, b) => a.rank - b.rank);
  },
  // §9: one column per choice `TEXT [CHOICE]` holding its rank.
  exportColumns: (q) => q.choices.map((c) => `${q.text} [${c.text}]`),
  exportCells: (value, q) => q.choices.map((c) => value?.find((a) => a.id === c.id)?.rank ?? ''),
  exportJson: (value, q) => ({ answer: value === null ? null : value.map((a) => textOf(q, a.id)) }),
  figures: ['items'],
  summarise(responses, q) {
    const all = responses.flat().filter((r) => r.role === 'answer');
    return {
      answered: responses.filter((rows) => rows.some((r) => r.role === 'answer')).length,
      items: q.choices.map((c) => {
        const ranks = all.flatMap((r) => (r.item === c.id && r.num !== null ? [r.num] : []));
        return {
          id: c.id,
          text: c.text,
          averageRank: mean(ranks),
          first: ranks.filter((r) => r === 1).length,
        };
      }),
    };
  },
} as const satisfies QuestionKind<RankingQuestion, RankingValue>;
