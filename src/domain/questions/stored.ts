/**
 * An answer as storage keeps it (docs/decisions/0013) and back. An answer with one value keeps
 * it in the answer's own row (`answer`, plus `num` where results average it); one with several
 * (multi, grid, ranking) keeps them as items; the Other text and the comment have columns of
 * their own. A format-1 answer is exactly what format 1 stored: the choice text and comment.
 */
import { answerFromRows, answerRows, type Answer } from './answer.js';
import type { StoredRow } from './kind.js';
import { kindOf, type Question, type ValueOf } from './registry.js';

/** One of several values: a ticked choice, a grid row, a ranked choice. */
export interface StoredValueItem {
  readonly item: string | null;
  readonly value: string;
  readonly num: number | null;
}

/**
 * What storage writes for one submitted question. `num`, `other` and `items` are present only
 * when set, so a format-1 answer is exactly the `{ answer, comment }` format 1 stored.
 */
export interface StoredValues {
  /** The one value; '' when the question was submitted without one, or it has items. */
  readonly answer: string;
  readonly comment: string | null;
  readonly num?: number;
  readonly other?: string;
  readonly items?: readonly StoredValueItem[];
}

/** The answer as storage keeps it. */
export function toStoredValues<Q extends Question>(
  question: Q,
  answer: Answer<ValueOf<Q['type']>>,
): StoredValues {
  const rows = answerRows(question, answer);
  const values = rows.filter((r) => r.role === 'answer');
  const one = kindOf(question).several ? undefined : values[0];
  const other = rows.find((r) => r.role === 'other')?.value;
  const items =
    one === undefined ? values.map(({ item, value, num }) => ({ item, value, num })) : [];
  return {
    answer: one?.value ?? '',
    comment: answer.comment,
    ...(one?.num === undefined || one.num === null ? {} : { num: one.num }),
    ...(other === undefined ? {} : { other }),
    ...(items.length === 0 ? {} : { items }),
  };
}

/** What storage read back; the newer fields are absent on a format-1 answer. */
export interface StoredAnswerValues {
  readonly answer: string;
  readonly comment: string | null;
  readonly num?: number | null | undefined;
  readonly other?: string | null | undefined;
  readonly items?: readonly StoredValueItem[] | undefined;
}

/** The atomic rows of a stored answer, as the kinds read them. */
export function storedRows(stored: StoredAnswerValues): StoredRow[] {
  const rows: StoredRow[] = [];
  if (stored.answer !== '') {
    rows.push({ role: 'answer', item: null, value: stored.answer, num: stored.num ?? null });
  }
  for (const item of stored.items ?? []) rows.push({ role: 'answer', ...item });
  if (stored.other !== undefined && stored.other !== null) {
    rows.push({ role: 'other', item: null, value: stored.other, num: null });
  }
  if (stored.comment !== null) {
    rows.push({ role: 'comment', item: null, value: stored.comment, num: null });
  }
  return rows;
}

/** The answer back from storage. */
export function fromStoredValues<Q extends Question>(
  question: Q,
  stored: StoredAnswerValues,
): Answer<ValueOf<Q['type']>> {
  return answerFromRows(question, storedRows(stored));
}
