import type { Selectable } from 'kysely';
import type { ResponseState, StoredAnswer, StoredItem, StoredResponse } from './contract.js';
import type { AnswerItemsTable, AnswersTable, ResponsesTable } from './schema.js';

/**
 * The `num` an answer's own row stores: its one value as a number (number, rating, nps, date),
 * or, for an answer whose values are items (multi, grid, ranking: no value of its own, `answer`
 * is ''), how many items it has. The results count such an answer as answered from one range
 * of the numbers' index instead of probing its items for each row
 * (docs/decisions/0027-answered-items.md); reading the answer back ignores it
 * ({@link toStoredAnswer}).
 */
export function rowNum(answer: {
  readonly answer: string;
  readonly num?: number | null | undefined;
  readonly items?: readonly unknown[] | undefined;
}): number | null {
  if (answer.answer !== '') return answer.num ?? null;
  return answer.items !== undefined && answer.items.length > 0 ? answer.items.length : null;
}

/** One response's items, by question index. */
export type ItemsByQuestion = ReadonlyMap<number, StoredItem[]>;

type ItemRow = Pick<Selectable<AnswerItemsTable>, 'question' | 'item' | 'value' | 'num'>;

/** Groups one response's item rows by question. */
export function itemsByQuestion(rows: readonly ItemRow[]): ItemsByQuestion {
  const byQuestion = new Map<number, StoredItem[]>();
  for (const row of rows) {
    const item = { item: row.item, value: row.value, num: row.num };
    const list = byQuestion.get(row.question);
    if (list === undefined) byQuestion.set(row.question, [item]);
    else list.push(item);
  }
  return byQuestion;
}

/** Groups item rows of many responses by response, then question. */
export function itemsByResponse(
  rows: readonly (ItemRow & { response_id: number })[],
): Map<number, ItemsByQuestion> {
  const byResponse = new Map<number, (ItemRow & { response_id: number })[]>();
  for (const row of rows) {
    const list = byResponse.get(row.response_id);
    if (list === undefined) byResponse.set(row.response_id, [row]);
    else list.push(row);
  }
  return new Map([...byResponse].map(([id, list]) => [id, itemsByQuestion(list)]));
}

type AnswerRow = Pick<Selectable<AnswersTable>, 'question' | 'answer' | 'comment' | 'answered_at'> &
  Partial<Pick<Selectable<AnswersTable>, 'num' | 'other'>>;

type ResponseRow = Pick<
  Selectable<ResponsesTable>,
  'id' | 'survey' | 'version_id' | 'started_at' | 'completed_at' | 'hidden'
> & { readonly lang?: string | null };

/** Builds the contract's response from its row, its answer rows and their items. */
export function toStoredResponse(
  row: ResponseRow,
  answers: readonly AnswerRow[],
  items?: ItemsByQuestion,
): StoredResponse {
  const response = withHidden(
    {
      id: row.id,
      survey: row.survey,
      versionId: row.version_id,
      startedAt: row.started_at,
      completedAt: row.completed_at,
      answers: answers.map((answer) => toStoredAnswer(answer, items?.get(answer.question))),
    },
    row.hidden,
  );
  // Only when it has one, so a response of a survey without languages reads as it always did.
  if (typeof row.lang === 'string') response.lang = row.lang;
  return response;
}

/** The `responses.hidden` text a response's hidden fields are stored as: null when none. */
export function hiddenColumn(hidden: Readonly<Record<string, string>> | undefined): string | null {
  return hidden === undefined || Object.keys(hidden).length === 0 ? null : JSON.stringify(hidden);
}

/** `response` with the hidden fields of its row, when it has any (otherwise unchanged). */
export function withHidden(response: StoredResponse, column: string | null): StoredResponse {
  if (column !== null) response.hidden = JSON.parse(column) as Record<string, string>;
  return response;
}

/** A format-1 answer has none of the newer fields, and reads exactly as it always did. */
export function toStoredAnswer(row: AnswerRow, items: StoredItem[] | undefined): StoredAnswer {
  const answer: StoredAnswer = {
    question: row.question,
    answer: row.answer,
    comment: row.comment,
    answeredAt: row.answered_at,
  };
  // An answer without a value of its own keeps only its items' count there (rowNum).
  if (row.num !== null && row.num !== undefined && row.answer !== '') answer.num = row.num;
  if (row.other !== null && row.other !== undefined) answer.other = row.other;
  if (items !== undefined && items.length > 0) answer.items = items;
  return answer;
}

type StateRow = Pick<
  Selectable<ResponsesTable>,
  'id' | 'survey' | 'version_id' | 'revision' | 'completed_at' | 'hidden'
> & { readonly lang?: string | null };

/** A response's state for its path from its row, its answer rows and their item rows. */
export function toResponseState(
  row: StateRow,
  answers: readonly AnswerRow[],
  itemRows: readonly ItemRow[],
): ResponseState {
  const items = itemsByQuestion(itemRows);
  const state: ResponseState = {
    id: row.id,
    survey: row.survey,
    versionId: row.version_id,
    revision: row.revision,
    completedAt: row.completed_at,
    answers: answers.map((answer) => toStoredAnswer(answer, items.get(answer.question))),
  };
  if (row.hidden !== null) state.hidden = JSON.parse(row.hidden) as Record<string, string>;
  if (typeof row.lang === 'string') state.lang = row.lang;
  return state;
}
