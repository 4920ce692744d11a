/**
 * The §9 export layout of a `questions:` survey, from each question's kind: CSV columns and
 * cells, and the JSON `answers` list. Comment columns come after every question's columns,
 * as format 1 has them, so a format-1 file's CSV keeps its bytes.
 */
import { hasComment, type Answer } from './answer.js';
import type { Cell, JsonAnswer } from './kind.js';
import { kindOf, type Question } from './registry.js';

/** What one response holds: its answers by question id (absent: the page was not submitted). */
export type AnswersById = ReadonlyMap<string, Answer<unknown>>;

export function csvColumns(questions: readonly Question[]): readonly string[] {
  return [
    ...questions.flatMap((q) => kindOf(q).exportColumns(q)),
    ...questions.filter(hasComment).map((q) => `${q.text} (comment)`),
  ];
}

export function csvCells(questions: readonly Question[], answers: AnswersById): readonly Cell[] {
  return [
    // The kind's value type is checked where it is made (parse, fromRows); here it is carried.
    ...questions.flatMap((q) => kindOf(q).exportCells(answers.get(q.id)?.value as never, q)),
    ...questions.filter(hasComment).map((q) => answers.get(q.id)?.comment ?? ''),
  ];
}

export interface JsonEntry {
  /** Left out for a format-1 survey, whose export keeps exactly its keys of today (§0). */
  readonly id?: string;
  readonly question: string;
  readonly answer: JsonAnswer;
  /** Always present (null when none), as in format 1's export. */
  readonly comment: string | null;
  readonly other?: string;
}

/**
 * The `answers` of one response: the questions whose page it submitted, statements left out.
 * `withIds: false` (a format-1 survey) leaves out `id`, the one key format 1 did not have.
 */
export function jsonAnswers(
  questions: readonly Question[],
  answers: AnswersById,
  withIds = true,
): JsonEntry[] {
  return questions.flatMap((q) => {
    const answer = answers.get(q.id);
    if (answer === undefined || !kindOf(q).answerable) return [];
    const part = kindOf(q).exportJson((answer.value ?? null) as never, q);
    const other = part.other === undefined ? {} : { other: part.other };
    const id = withIds ? { id: q.id } : {};
    return [{ ...id, question: q.text, answer: part.answer, comment: answer.comment, ...other }];
  });
}
