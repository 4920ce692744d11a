import type { Selectable } from 'kysely';
import type { StoredAnswer, StoredResponse } from './contract.js';
import type { AnswersTable, ResponsesTable } from './schema.js';

/** Builds the contract's response from its row and its answer rows. */
export function toStoredResponse(
  row: Selectable<ResponsesTable>,
  answers: readonly Selectable<AnswersTable>[],
): StoredResponse {
  return {
    id: row.id,
    survey: row.survey,
    versionId: row.version_id,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    answers: answers.map(toStoredAnswer),
  };
}

function toStoredAnswer(row: Selectable<AnswersTable>): StoredAnswer {
  return {
    question: row.question,
    answer: row.answer,
    comment: row.comment,
    answeredAt: row.answered_at,
  };
}
