import type { ColumnDefinitionBuilder, Dialect, Kysely } from 'kysely';
import type {
  Completion,
  CreateResponseInput,
  RecordAnswerInput,
  RecordOutcome,
  ResponseState,
  StoredResponse,
  SubmitOutcome,
  SubmitPageInput,
} from './contract.js';
import type { Executor } from './precompiled.js';

/**
 * Everything that differs between database engines, and nothing else. Each engine
 * folder (`sqlite/`, later `postgres/`) builds one; migrations and the repository are
 * written once against it.
 */
export interface Engine {
  readonly dialect: Dialect;
  /**
   * Makes an integer column the auto-numbered primary key. Kysely's `autoIncrement()`
   * only compiles for SQLite/MySQL; PostgreSQL needs an identity column instead.
   */
  autoIncrementPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * Opens the transaction migrations run in, holding a lock that other processes wait for
   * until it commits, so processes starting at once on a new database migrate it only once.
   */
  beginMigration(db: Kysely<unknown>): Promise<void>;
  /**
   * Resolves when the database answers and would accept a write right now; rejects
   * otherwise. Behind `Storage.ping` and so `/healthz`.
   */
  probe<DB>(db: Kysely<DB>): Promise<void>;
  /**
   * Whether respondents' writes share transactions (`GroupCommit`): right where a commit
   * costs far more than a statement and one connection writes anyway (SQLite); not where
   * a pool runs writes side by side (PostgreSQL), which batches statements instead.
   */
  readonly groupCommit: boolean;
  /**
   * Respondents' statements for many respondents at once, one statement a batch (`Batcher`):
   * where each statement costs a round trip and each write a commit of its own (PostgreSQL).
   * Absent where `groupCommit` shares transactions instead.
   */
  readonly batches?: RespondentBatches;
  /**
   * Reads one value (the first column of the first row, `undefined` for none) at once, on the
   * connection a shared transaction (`groupCommit`) runs on, for reads inside one: SQLite's
   * driver is synchronous, so such a read needs no promise. Absent where drivers are not.
   */
  readonly readValue?: (sql: string, parameters: readonly unknown[]) => unknown;
  /** Every row of a read, at once, on that same connection, as `readValue` reads one value. */
  readonly readRows?: (sql: string, parameters: readonly unknown[]) => unknown[];
  /**
   * Keeps `response_hidden` in step with `responses.hidden` (migration 0016): one row per
   * hidden field of each response inserted from now on, and of every response stored before.
   * A trigger, since reading the JSON is the engine's own dialect.
   */
  keepHiddenRows(db: Kysely<unknown>): Promise<void>;
  /** true when `error` means the database cannot be reached or written right now. */
  isUnavailable(error: unknown): boolean;
  /**
   * How a results request holds the responses it narrows to (`Storage.narrow`, decision
   * 0028): a byte per response id, or a temporary table when they span too many ids, where
   * every query runs on one connection (SQLite: 'bytes'); a bit per id, or nothing, where a
   * pool spreads the queries over several connections (PostgreSQL: 'bits').
   */
  readonly narrowedSets: 'bytes' | 'bits';
  /**
   * Where the owners' results queries run when not on the connection above (decision 0030):
   * SQLite's reader threads over a database file. Absent where they run on it (PostgreSQL's
   * pool runs them side by side already; an in-memory SQLite database has no file to share).
   */
  readonly readers?: Dialect;
}

/** Which response's answers to count, as `Storage.countAnswers` takes it. */
export interface CountInput {
  readonly responseId: number;
  readonly survey: string;
}

/** Whose completion to look for, as `Storage.findCompletion` takes it. */
export interface CompletionInput {
  readonly survey: string;
  readonly respondent: string;
}

/**
 * The respondent operations an engine can do for many respondents in one statement: one
 * output per input, in the inputs' order, each what the operation alone would give.
 */
export interface RespondentBatches {
  createResponses(db: Executor, inputs: readonly CreateResponseInput[]): Promise<number[]>;
  recordAnswers(db: Executor, inputs: readonly RecordAnswerInput[]): Promise<RecordOutcome[]>;
  countAnswers(db: Executor, inputs: readonly CountInput[]): Promise<(number | undefined)[]>;
  getResponses(db: Executor, ids: readonly number[]): Promise<(StoredResponse | undefined)[]>;
  /** Responses' states for their paths, each as `readResponseState` (pages.ts) reads it. */
  readStates(db: Executor, inputs: readonly CountInput[]): Promise<(ResponseState | undefined)[]>;
  /**
   * Page writes, each as `submitPage` (pages.ts) makes it, without a cap (a completing page
   * of a survey with one takes its place in a transaction of its own).
   */
  submitPages(db: Executor, inputs: readonly SubmitPageInput[]): Promise<SubmitOutcome[]>;
  findCompletions(
    db: Executor,
    inputs: readonly CompletionInput[],
  ): Promise<(Completion | undefined)[]>;
}
