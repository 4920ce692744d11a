import type { Generated } from 'kysely';

/** Kysely's view of the tables that `migrations.ts` creates. Timestamps are ISO-8601 UTC text. */
export interface Database {
  responses: ResponsesTable;
  answers: AnswersTable;
}

export interface ResponsesTable {
  id: Generated<number>;
  survey: string;
  started_at: string;
  completed_at: string | null;
}

export interface AnswersTable {
  response_id: number;
  /** 0-based question index. */
  question: number;
  /** The choice text. */
  answer: string;
  comment: string | null;
  answered_at: string;
}
