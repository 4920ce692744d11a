/**
 * The storage contract the rest of Canvass depends on. Engines (SQLite now, PostgreSQL
 * later) implement it through one engine-neutral repository; nothing outside
 * `src/storage` sees Kysely or a driver.
 *
 * Timestamps are ISO-8601 UTC strings (`Date#toISOString()`), stored as text so every
 * engine exports them byte for byte alike.
 */

/** One answer as stored: `question` is the 0-based question index, `answer` the choice text. */
export interface StoredAnswer {
  question: number;
  answer: string;
  comment: string | null;
  answeredAt: string;
}

/** One attempt at a survey; `completedAt` stays null until the last answer is recorded. */
export interface StoredResponse {
  id: number;
  survey: string;
  startedAt: string;
  completedAt: string | null;
  answers: StoredAnswer[];
}

/** What {@link Storage.recordAnswer} did. Expected outcomes are values, not exceptions. */
export type RecordOutcome =
  { kind: 'recorded' } | { kind: 'duplicate' } | { kind: 'unknown-response' };

export interface CreateResponseInput {
  survey: string;
  startedAt: Date;
}

export interface RecordAnswerInput {
  responseId: number;
  survey: string;
  question: number;
  answer: string;
  comment: string | null;
  completes: boolean;
  at: Date;
}

/**
 * Where responses and answers live. Methods reject with `StorageUnavailable` when the
 * database cannot be reached or written; any other rejection is a bug.
 */
export interface Storage {
  /** Creates a response row for a new attempt; returns its id. */
  createResponse(input: CreateResponseInput): Promise<number>;
  /**
   * Records one answer in one short transaction. `completes: true` also sets
   * `completedAt` (same transaction). A second answer for the same (response, question)
   * is `{ kind: 'duplicate' }` and changes nothing — the database enforces it, so a
   * double-clicked POST never records twice. A response id that does not exist or
   * belongs to another survey is `{ kind: 'unknown-response' }` and writes nothing.
   */
  recordAnswer(input: RecordAnswerInput): Promise<RecordOutcome>;
  /** One response with its answers ordered by question, or undefined. */
  getResponse(responseId: number): Promise<StoredResponse | undefined>;
  /** Every response of a survey (partial ones included), ordered by id, answers by question. */
  listResponses(survey: string): Promise<StoredResponse[]>;
  /** true when the database answers a trivial query (for /healthz); never throws. */
  ping(): Promise<boolean>;
  /** Releases the database; later calls to `close` do nothing and `ping` answers false. */
  close(): Promise<void>;
}
