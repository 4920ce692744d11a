/**
 * The storage contract the rest of Canvass depends on. Engines (SQLite and PostgreSQL)
 * implement it through one engine-neutral repository; nothing outside `src/storage` sees
 * Kysely or a driver.
 *
 * Timestamps are ISO-8601 UTC strings (`Date#toISOString()`), stored as text so every
 * engine exports them byte for byte alike.
 */

/**
 * One answer as stored: `question` is the 0-based question index, `answer` its one value (the
 * choice text in format 1; '' when it has none or its values are `items`). The other fields
 * are present only when set, so a format-1 answer reads exactly as it always did.
 */
export interface StoredAnswer {
  question: number;
  answer: string;
  comment: string | null;
  answeredAt: string;
  /** The value as a number, where results need one (number, rating, nps, date). */
  num?: number;
  /** The respondent's text for the Other option. */
  other?: string;
  /** The values of an answer that has several (multi, grid, ranking). */
  items?: StoredItem[];
}

/** One of several values of an answer (docs/decisions/0013). */
export interface StoredItem {
  item: string | null;
  value: string;
  num: number | null;
}

/** One attempt at a survey; `completedAt` stays null until the last answer is recorded. */
export interface StoredResponse {
  id: number;
  survey: string;
  /** The survey version it was collected under; null only for rows older than versions. */
  versionId: number | null;
  startedAt: string;
  completedAt: string | null;
  answers: StoredAnswer[];
  /**
   * The hidden fields it began with (SURVEYS.md §6), name → value, as the start page's link
   * gave them: unverified text. Present only when there are some, so a response of a survey
   * without hidden fields reads exactly as it always did.
   */
  hidden?: Record<string, string>;
  /** The language it began in (SURVEYS.md §5): present only for a survey with `languages`. */
  lang?: string;
}

/** What {@link Storage.recordAnswer} did. Expected outcomes are values, not exceptions. */
export type RecordOutcome =
  | { kind: 'recorded' }
  | { kind: 'duplicate' }
  | { kind: 'unknown-response' }
  /** Nothing written: the completing answer found every place of its {@link SurveyCap} taken. */
  | { kind: 'full' };

/**
 * `maxResponses` (SURVEYS.md §8): at most `max` completed responses of `survey`, all its
 * versions together. A completing write that carries one takes a place in the same
 * transaction, or writes nothing (docs/decisions/0016).
 */
export interface SurveyCap {
  survey: string;
  max: number;
}

export interface CreateResponseInput {
  survey: string;
  /** The version the respondent begins on (from {@link Storage.registerVersion}). */
  versionId: number;
  startedAt: Date;
  /** The browser beginning it (http/respondent.ts), for {@link Storage.findCompletion}. */
  respondent?: string;
  /** The language it begins in (SURVEYS.md §5), for a survey with `languages`. */
  lang?: string;
  /** Its hidden fields (SURVEYS.md §6); absent or empty: none, stored as null. */
  hidden?: Record<string, string>;
}

export interface RecordAnswerInput {
  responseId: number;
  survey: string;
  question: number;
  answer: string;
  comment: string | null;
  /** See {@link StoredAnswer}; absent means null / none. */
  num?: number | null;
  other?: string | null;
  items?: readonly StoredItem[];
  completes: boolean;
  at: Date;
  /** The survey's cap, when it has one; read only when `completes`. */
  cap?: SurveyCap;
}

/**
 * A response as the path flow needs it (SURVEYS.md §4): its revision, which the next page form
 * carries, and its answers by question, each as {@link Storage.getResponse} gives it.
 */
export interface ResponseState {
  id: number;
  survey: string;
  versionId: number | null;
  revision: number;
  completedAt: string | null;
  answers: StoredAnswer[];
  /** The hidden fields it began with (SURVEYS.md §6), when it has any. */
  hidden?: Record<string, string>;
  /** The language it began in (SURVEYS.md §5), when its survey has languages. */
  lang?: string;
}

/** One question of a submitted page, stored as {@link RecordAnswerInput} stores one answer. */
export interface PageAnswer {
  question: number;
  answer: string;
  comment: string | null;
  num?: number | null;
  other?: string | null;
  items?: readonly StoredItem[];
}

export interface SubmitPageInput {
  responseId: number;
  survey: string;
  /** The revision the form carried: the write happens only when it is still the stored one. */
  revision: number;
  /**
   * Question indices whose stored answers (and items) are deleted first: the submitted page's
   * own questions and every question that left the path. The questions of `answers` are
   * deleted too, whether listed or not.
   */
  remove: readonly number[];
  answers: readonly PageAnswer[];
  /** The response's frontier after this write (null when complete). */
  frontier: number | null;
  completes: boolean;
  at: Date;
  /** The survey's cap, when it has one; read only when `completes`. */
  cap?: SurveyCap;
}

/** What {@link Storage.submitPage} did. Expected outcomes are values, not exceptions. */
export type SubmitOutcome =
  /** Written; `revision` is the new one (the old + 1), for the next page's form. */
  | { kind: 'recorded'; revision: number }
  /** Nothing written: the revision is no longer the stored one, or the response is complete. */
  | { kind: 'stale' }
  /** Nothing written: no such response of that survey. */
  | { kind: 'unknown-response' }
  /** Nothing written: the completing page found every place of its {@link SurveyCap} taken. */
  | { kind: 'full' };

/**
 * Where responses and answers live. Methods reject with `StorageUnavailable` when the
 * database cannot be reached or written; any other rejection is a bug.
 */
export interface Storage extends WebhookStorage {
  /** Creates a response row for a new attempt; returns its id. */
  createResponse(input: CreateResponseInput): Promise<number>;
  /**
   * Records one answer in one short transaction. `completes: true` also sets
   * `completedAt` (same transaction), and queues a `response.completed` event for each
   * enabled webhook endpoint of the survey (same transaction). A second answer for the same (response, question)
   * is `{ kind: 'duplicate' }` and changes nothing — the database enforces it, so a
   * double-clicked POST never records twice. A response id that does not exist or
   * belongs to another survey is `{ kind: 'unknown-response' }` and writes nothing. With a
   * `cap`, the completing answer also takes one of its places in the same transaction; when
   * none is left it is `{ kind: 'full' }` and writes nothing.
   */
  recordAnswer(input: RecordAnswerInput): Promise<RecordOutcome>;
  /**
   * A response of `survey` with its revision and answers (items included), or undefined when
   * there is none: the path flow's one read per page (SURVEYS.md §4).
   */
  readResponseState(responseId: number, survey: string): Promise<ResponseState | undefined>;
  /**
   * Writes one submitted page in one transaction, only while `input.revision` is the stored
   * revision and the response is not complete: bumps the revision, sets the frontier (and
   * `completedAt` when `completes`, with its webhook events as `recordAnswer` queues them),
   * deletes the answers of `remove` with their items, and
   * inserts `answers`. Of two identical submits at once exactly one is `recorded`; otherwise
   * `stale` or `unknown-response`, and nothing is written. With a `cap`, a completing page
   * also takes one of its places in the same transaction, or is `full` and writes nothing.
   */
  submitPage(input: SubmitPageInput): Promise<SubmitOutcome>;
  /**
   * Whether every place of `cap` is taken: the count completing writes keep, or, before the
   * first of them, the count of completed responses of all the survey's versions.
   */
  isFull(cap: SurveyCap): Promise<boolean>;
  /** One response with its answers ordered by question, or undefined. */
  /**
   * How many answers a response of `survey` has stored, or undefined when there is no such
   * response: one indexed count, cheap enough for every question page (src/http/resync.ts).
   */
  countAnswers(responseId: number, survey: string): Promise<number | undefined>;
  getResponse(responseId: number): Promise<StoredResponse | undefined>;
  /** Every response of a survey (partial ones included), ordered by id, answers by question. */
  listResponses(survey: string): Promise<StoredResponse[]>;
  /**
   * Stores a survey definition once per (survey, hash) and returns it with its number; an
   * existing one is returned unchanged. The survey's first version also adopts its responses
   * stored before versions existed.
   */
  registerVersion(input: RegisterVersionInput): Promise<StoredVersion>;
  /** One version by id, or undefined. */
  getVersion(versionId: number): Promise<StoredVersion | undefined>;
  /** A survey's versions, newest first, each with its started and completed counts. */
  listVersions(survey: string): Promise<VersionSummary[]>;
  /**
   * Started (answered at least one question) and completed counts of every survey with a
   * stored version; responses `begin` created that have no answer yet count for neither.
   */
  surveyCounts(): Promise<SurveyCounts[]>;
  /**
   * How often each choice was given to each question of one version (SQL GROUP BY), or only
   * to questions `from` ≤ question < `to`: a page of a 1,000-question survey's results reads
   * its own slice of the index, not every answer of the version.
   */
  choiceCounts(versionId: number, questions?: QuestionSlice): Promise<ChoiceCount[]>;
  /** One page of a version's comments, by response id then question. */
  listComments(
    versionId: number,
    page: { limit: number; offset: number },
  ): Promise<StoredComment[]>;
  /**
   * One page of the comments of a scope's responses (several versions, filters, completed),
   * by response id then question, each with its version (a question's index is per version).
   */
  listScopedComments(
    scope: ResponseScope,
    page: { limit: number; offset: number },
  ): Promise<ScopedComment[]>;
  /**
   * §10 figures of one question across `targets` (several versions when they hold the same
   * question), over indexes: counts per value or item, number aggregates, Other texts.
   */
  questionFigures(query: FigureQuery): Promise<QuestionFigures>;
  /**
   * Who reached and who submitted one page of a path survey (SURVEYS.md §10: drop-off is per
   * page), in scope, over indexes.
   */
  pageCounts(query: PageQuery): Promise<PageCounts>;
  /**
   * The responses of `scope` computed once, for the many aggregates of one results request to
   * read instead of each re-reading its filters' sets (docs/decisions/0024-results-at-scale.md).
   * No set for a scope without narrowing. `release` when done.
   */
  narrow(scope: ResponseScope): Promise<Narrowed>;
  /** Started (answered the first question) and completed responses of a scope. */
  scopeCounts(scope: ResponseScope): Promise<{ started: number; completed: number }>;
  /**
   * The groups of a cross-tab: the responses of `scope` matching each filter, computed once
   * for the grouped figures below. `release` when done.
   */
  group(scope: ResponseScope, filters: readonly ResponseFilter[]): Promise<Grouped>;
  /** {@link questionFigures} of each group (no Other texts listed), in one pass. */
  groupFigures(query: FigureQuery, groups: GroupSet): Promise<QuestionFigures[]>;
  /**
   * A cross-tab's question: its figures in the groups' scope (`all`) and in each group, no Other
   * texts listed. Where every response of the scope is in one group or the map's rest
   * ({@link GroupMap}), `all` is the groups' figures added up, from the same pass.
   */
  crossFigures(
    query: FigureQuery,
    groups: GroupSet,
  ): Promise<{ all: QuestionFigures; groups: QuestionFigures[] }>;
  /** {@link scopeCounts} of each group. */
  groupScopeCounts(groups: GroupSet): Promise<{ started: number; completed: number }[]>;
  /** {@link pageCounts} of each group. */
  groupPageCounts(query: PageQuery, groups: GroupSet): Promise<PageCounts[]>;
  /**
   * The values hidden field `name` (SURVEYS.md §6) was given in scope, the most given first,
   * at most `limit`: what results cross-tabulate a hidden field by.
   */
  hiddenValues(scope: ResponseScope, name: string, limit: number): Promise<string[]>;
  /**
   * One page of a question's text answers (`other`: its Other texts) in scope, by response id.
   */
  listTexts(query: TextQuery, page: { limit: number; offset: number }): Promise<StoredText[]>;
  /**
   * Every response of one version with its answers, ordered by id, read in keyset pages of
   * `batchSize` responses: memory stays constant however many rows there are.
   */
  streamResponses(versionId: number, batchSize?: number): AsyncIterable<StoredResponse>;
  /**
   * One keyset page of a version's responses, as {@link Storage.streamResponses} reads them:
   * the first `range.limit` with an id above `range.after`, read in batches, never all at once.
   */
  pageResponses(versionId: number, range: ResponseRange): AsyncIterable<StoredResponse>;
  /**
   * Records an admin login (`id` is the random id its session carries), honoured until
   * `expiresAt` or until {@link Storage.endAdminSession}; rows already expired are pruned.
   */
  createAdminSession(input: AdminSessionInput): Promise<void>;
  /** Whether the admin login `id` exists, is not ended and has not expired at `at`. */
  isAdminSessionActive(id: string, at: Date): Promise<boolean>;
  /** Ends the admin login `id` (logout); an unknown id is not an error. */
  endAdminSession(id: string): Promise<void>;
  /**
   * Stores a resume link (SURVEYS.md §7) by the hash of its token, honoured until `expiresAt`;
   * links already expired are pruned.
   */
  createResumeToken(input: ResumeTokenInput): Promise<void>;
  /**
   * The response a resume link opens, or undefined when the hash is unknown, belongs to another
   * survey, or expired at `at`.
   */
  findResumeToken(hash: string, survey: string, at: Date): Promise<ResumeTarget | undefined>;
  /** Stores a public results link (issue 17 item 6) by the hash of its token. */
  createPublicLink(input: PublicLinkInput): Promise<void>;
  /** The public link `hash` opens at `at`, or undefined when unknown, revoked or expired. */
  findPublicLink(hash: string, at: Date): Promise<PublicLink | undefined>;
  /** Every public link of `survey`, newest first, revoked and expired ones included. */
  listPublicLinks(survey: string): Promise<PublicLink[]>;
  /**
   * Revokes the public link `hash` of `survey` at `at` (one already revoked keeps its date);
   * false when the survey has no such link.
   */
  revokePublicLink(survey: string, hash: string, at: Date): Promise<boolean>;
  /**
   * Stores an API token (issue 17 item 5) by the hash of its token and records `audit` in the
   * same transaction; returns its id.
   */
  createApiToken(input: ApiTokenInput): Promise<number>;
  /** The API token whose hash is `hash`, revoked ones included (the caller says why it fails). */
  findApiToken(hash: string): Promise<ApiToken | undefined>;
  /** Every API token, newest first, revoked ones included. */
  listApiTokens(): Promise<ApiToken[]>;
  /**
   * Revokes API token `id` at `at` and records the audit entry in the same transaction; the
   * token as it was, or undefined (nothing written) when there is none or it is already revoked.
   */
  revokeApiToken(input: RevokeApiTokenInput): Promise<ApiToken | undefined>;
  /** Notes that API token `id` was used at `at` (its "last used"). */
  touchApiToken(id: number, at: Date): Promise<void>;
  /**
   * The earliest completed response of `survey` (any version) begun by `respondent`, or
   * undefined: one probe of a partial index, made by `begin` and by a survey's last answer.
   */
  findCompletion(survey: string, respondent: string): Promise<Completion | undefined>;
  /**
   * Deletes the unfinished responses begun before `startedBefore` that have no answer (what
   * `begin` leaves behind when nobody answers) and returns how many went.
   */
  pruneEmptyResponses(startedBefore: Date): Promise<number>;
  /**
   * One page of a survey's responses (every version), newest first: those with an id below
   * `before` (all when absent), at most `limit`. A keyset read of the (survey, id) index, so a
   * late page costs what the first does.
   */
  listResponseLines(
    survey: string,
    page: { before?: number; limit: number },
  ): Promise<ResponseLine[]>;
  /**
   * Deletes one response of `survey` (its answers, items and resume links go with it by
   * cascade) and records `audit` in the same transaction; false, and nothing written, when
   * there is no such response. A completed one gives its place of the survey's cap back.
   */
  deleteResponse(input: DeleteResponseInput): Promise<boolean>;
  /**
   * Deletes every response of one version of `survey` ("clear test data") as
   * {@link Storage.deleteResponse} deletes one, in one transaction with its audit entry, and
   * returns how many went.
   */
  clearVersion(input: ClearVersionInput): Promise<number>;
  /** The latest `limit` entries of the audit log, newest first. */
  listAudit(limit: number): Promise<AuditEntry[]>;
  /** true when the database answers and would accept a write now (for /healthz); never throws. */
  ping(): Promise<boolean>;
  /** Releases the database; later calls to `close` do nothing and `ping` answers false. */
  close(): Promise<void>;
}

export interface AdminSessionInput {
  id: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ResumeTokenInput {
  /** The SHA-256 of the token (never the token itself). */
  hash: string;
  responseId: number;
  expiresAt: Date;
  /** When the link is made (default: now): links expired by then are pruned. */
  createdAt?: Date;
}

export interface PublicLinkInput {
  /** The SHA-256 of the token (never the token itself). */
  hash: string;
  survey: string;
  createdAt: Date;
  /** Undefined: the link never expires. */
  expiresAt?: Date;
  /** Whether the page shows free-text answers, Other texts and comments. */
  texts: boolean;
}

export interface ApiTokenInput {
  /** The SHA-256 of the token (never the token itself). */
  hash: string;
  name: string;
  /** The one survey it reads; null: every survey. */
  survey: string | null;
  createdAt: Date;
  /** The audit entry's words, given the new token's id. */
  detail: (id: number) => string;
}

export interface RevokeApiTokenInput {
  id: number;
  at: Date;
  /** The audit entry's words, given the token being revoked. */
  detail: (token: ApiToken) => string;
}

/** An API token as stored (never its token: only the hash is kept, and it is not read back). */
export interface ApiToken {
  id: number;
  name: string;
  /** The one survey it reads; null: every survey. */
  survey: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Responses with an id above `after`, at most `limit` of them, in id order. */
export interface ResponseRange {
  after: number;
  limit: number;
}

/** A public results link as stored. */
export interface PublicLink {
  hash: string;
  survey: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  texts: boolean;
}

/** The response a resume link opens, as {@link Storage.findResumeToken} finds it. */
export interface ResumeTarget {
  responseId: number;
  /** Null only for rows older than versions. */
  versionId: number | null;
  completed: boolean;
}

/** Questions `from` (inclusive) to `to` (exclusive), 0-based. */
export interface QuestionSlice {
  from: number;
  to: number;
}

/** A completed response, as {@link Storage.findCompletion} finds it. */
export interface Completion {
  responseId: number;
  /** Null only for rows older than versions. */
  versionId: number | null;
}

export interface RegisterVersionInput {
  survey: string;
  hash: string;
  /** The normalised definition as JSON text. */
  definition: string;
  at: Date;
}

/** One stored survey definition. `number` counts 1, 2, 3… within its survey. */
export interface StoredVersion {
  id: number;
  survey: string;
  number: number;
  hash: string;
  definition: string;
  createdAt: string;
}

export interface VersionSummary extends StoredVersion {
  started: number;
  completed: number;
}

export interface SurveyCounts {
  survey: string;
  started: number;
  completed: number;
}

export interface ChoiceCount {
  question: number;
  answer: string;
  count: number;
}

export interface ScopedComment extends StoredComment {
  versionId: number;
}

export interface StoredComment {
  responseId: number;
  question: number;
  answer: string;
  comment: string;
}

/** One question of one version: its 0-based index there (results add versions up, §10). */
export interface QuestionTarget {
  versionId: number;
  question: number;
}

/** One page of one version, by its 0-based index (what `responses.frontier` holds). */
export interface PageTarget {
  versionId: number;
  page: number;
}

/**
 * A page of a path survey counted for the drop-off: `targets` are questions of it in each
 * version counted whose rows say a response submitted it (all of them, or one that is always
 * asked there), `current` the page itself in each version (whose `frontier` says it is a
 * response's current page).
 */
export interface PageQuery extends Narrowing {
  targets: readonly QuestionTarget[];
  current: readonly PageTarget[];
}

/** What {@link Storage.pageCounts} counts. */
export interface PageCounts {
  /** Responses with a row for any of its questions: they submitted it. */
  submitted: number;
  /** Those, plus the responses not completed whose current page it is. */
  reached: number;
}

/**
 * `?filter=QID:CHOICEID` and the groups of `?by=QID`: the responses whose answer to the
 * question (at `targets`, one per version that has it) is `value` (`answer`), whose ticked
 * choices include it (`item`: multi), whose number lies in `min`…`max` (`range`: an NPS group),
 * or whose hidden field `name` (SURVEYS.md §6) was given as `value` (`hidden`).
 */
export type ResponseFilter =
  | { kind: 'answer'; targets: readonly QuestionTarget[]; value: string }
  | { kind: 'item'; targets: readonly QuestionTarget[]; value: string }
  | { kind: 'range'; targets: readonly QuestionTarget[]; min: number; max: number }
  | { kind: 'hidden'; name: string; value: string };

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD`: responses started on or after `from` and before `before`
 * (the day after `to`), as UTC date text, which sorts before every stored time of that day.
 */
export interface StartedRange {
  from?: string;
  before?: string;
}

/** Which responses results count: only completed ones, started in a range, matching every filter. */
export interface Narrowing {
  completed: boolean;
  filters: readonly ResponseFilter[];
  started?: StartedRange;
  /**
   * The responses of this narrowing computed once ({@link Storage.narrow}): when present, read
   * instead of `completed`, `started` and `filters` (which it already applies).
   */
  set?: NarrowedSet;
  /**
   * Row counts already read for this narrowing in this request ({@link RowCounts}), so a
   * question's "reached" (the rows of the question before it) is not read twice.
   */
  rows?: RowCounts;
}

/**
 * How many rows of some targets a request's narrowing has (in each group of a cross-tab), by the
 * targets, the narrowing and the groups:
 * filled by `questionFigures` as it reads each question's rows, read back for the next
 * question's "reached". A promise, so a count under way is waited for, not read again. One per
 * request (ResultsScope), dropped with it.
 */
export type RowCounts = Map<string, Promise<readonly number[]>>;

/**
 * A narrowed set of response ids held for the queries of one request (decision 0028): as a map
 * of the ids it spans, one byte per id on SQLite and one bit on PostgreSQL, bound to each query
 * as a parameter that every counted row reads its own position of (no probe of a table, no hash
 * built per query); or, when the ids span more than `SET_SPAN_LIMIT` (a database of many
 * surveys, whose responses interleave), a temporary table on SQLite (one connection, so it is
 * there for every later query) and none on PostgreSQL (a pool), whose queries then read the
 * narrowing's conditions themselves.
 */
export type NarrowedSet =
  | {
      /** Position `id - first` is 1 for a member (a byte, or a bit with `bits`). */
      readonly map: Uint8Array;
      readonly first: number;
      /** The last id the map spans (`first - 1` for an empty set). */
      readonly last: number;
      readonly bits: boolean;
      /** Tells one set from another in {@link RowCounts} keys. */
      readonly key: string;
    }
  | { readonly table: string; readonly key: string };

/**
 * The groups of a cross-tab (`?by=`) computed once for a request ({@link Storage.group}): group
 * `i` is the responses of `scope` that match `filters[i]` (a response may be in several, as the
 * ticks of a multi). A narrowed set per group ({@link NarrowedSet}), each group counted in a
 * pass of its own; when no response is in two (on SQLite from GROUPED_FROM groups), a map of
 * each id's group, and on SQLite from GROUPED_FROM groups with a response in two, a temporary
 * table of (id, grp), every figure of every group then coming from one grouped pass (decisions
 * 0026, 0029, 0030 and 0031).
 */
export interface GroupSet {
  readonly scope: ResponseScope;
  readonly filters: readonly ResponseFilter[];
  /** The (id, grp) table of a grouped pass. */
  readonly table?: string;
  /** Or the map of a grouped pass: position `id - first` is the id's group + 1, or 0. */
  readonly grouped?: GroupMap;
  /** Or each group's responses narrowed into a set of its own, for a pass per group. */
  readonly sets?: readonly (NarrowedSet | undefined)[];
}

/** A byte per id from `first` to `last`: the group the id is in, counted from 1; 0 for none. */
export interface GroupMap {
  readonly map: Uint8Array;
  readonly first: number;
  readonly last: number;
  readonly key: string;
  /** How a query reads a byte: PostgreSQL's `get_byte`, or SQLite's `substr` of the blob. */
  readonly read: 'get_byte' | 'substr';
  /**
   * A grouped pass reads every response of the groups' scope, those in no group (0) as one group
   * more, last (decision 0031): the scope's figures are then the groups' added up. Without, it
   * reads the responses in some group only.
   */
  readonly rest: boolean;
}

/** Groups computed once, and how to let go of them when the request is done. */
export interface Grouped {
  readonly groups: GroupSet;
  release(): Promise<void>;
}

/** A narrowing computed once, and how to let go of it when the request is done. */
export interface Narrowed {
  readonly set: NarrowedSet | undefined;
  release(): Promise<void>;
}

/** The responses of some versions that results count. */
export interface ResponseScope extends Narrowing {
  versionIds: readonly number[];
}

/** Whose text answers {@link Storage.listTexts} lists (`other`: the Other texts instead). */
export interface TextQuery extends Narrowing {
  targets: readonly QuestionTarget[];
  other: boolean;
}

/** What {@link Storage.questionFigures} reads; the parts a kind does not need are skipped. */
export interface FigureQuery extends Narrowing {
  /** The question in each version counted. */
  targets: readonly QuestionTarget[];
  /**
   * Rows that say a response reached it: the question before it in each version of the classic
   * flow (the question itself for the first), the question itself in a path survey.
   */
  reached: readonly QuestionTarget[];
  /**
   * A path survey's page of the question, in each version where a response whose current page
   * it is (`responses.frontier`, not completed) was shown it: counted as reaching it too, once,
   * when it has no row among `targets`. Absent or empty: none (the classic flow).
   */
  current?: readonly PageTarget[];
  /** Counts per one value (`answers.answer`). */
  values: boolean;
  /** Counts per (item, value) of `answer_items`. */
  items: boolean;
  /** Count, sum, min, max of `num` and the middle value(s) by ORDER BY num. */
  numbers: boolean;
  /** Count the numbers in up to ten ranges (number, date: their histogram). */
  bins: boolean;
  /** Count the Other texts. */
  other: boolean;
  /** How many Other texts to list (0: only count them). */
  otherTexts: number;
}

/** Aggregates of one question over a scope, all computed by the database. */
export interface QuestionFigures {
  /** Responses that reached it: rows of `reached`, plus those of `current` without a row. */
  reached: number;
  /** Responses with a value, an item or an Other text stored for it. */
  answered: number;
  values: readonly { value: string; count: number }[];
  /** Per (item, value): how many, and the sum and count of their `num`s. */
  items: readonly {
    item: string | null;
    value: string;
    count: number;
    sum: number | null;
    valued: number;
  }[];
  numbers?: NumberFigures;
  other: { count: number; texts: readonly string[] };
}

export interface NumberFigures {
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  /** The middle value, or the two middle values when `count` is even (ascending). */
  middle: readonly number[];
  /** Counts of up to ten equal ranges from `min` to `max` (`to` exclusive but for the last). */
  bins: readonly { from: number; to: number; count: number }[];
}

/** One text answer (text, longtext, email) or Other text, for the paged lists. */
export interface StoredText {
  responseId: number;
  text: string;
}

/** One response as the admin list shows it: no answers, no hidden fields. */
export interface ResponseLine {
  id: number;
  /** Null only for rows older than versions. */
  versionId: number | null;
  startedAt: string;
  completedAt: string | null;
  /** The language it began in (SURVEYS.md §5); null for a survey without `languages`. */
  lang: string | null;
}

/**
 * What the audit log records (issue 17 items 2 and 5: deletions, API tokens made and revoked);
 * one list, the type derived from it.
 */
export const AUDIT_ACTIONS = [
  'response-deleted',
  'version-cleared',
  'token-created',
  'token-revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of the audit log. */
export interface AuditEntry {
  id: number;
  at: string;
  action: AuditAction;
  survey: string;
  detail: string;
}

export interface DeleteResponseInput {
  survey: string;
  responseId: number;
  at: Date;
  /** The audit entry's words for what went. */
  detail: string;
}

export interface ClearVersionInput {
  survey: string;
  versionId: number;
  at: Date;
  /** The audit entry's words, given how many responses went (counted in the transaction). */
  detail: (deleted: number) => string;
}

/** The events a webhook endpoint receives (issue 17 item 4); one list, the type derived. */
export const WEBHOOK_EVENT_TYPES = ['response.completed', 'webhook.test'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Where a delivery stands: waiting (or between attempts), received, given up after the last
 * attempt, or skipped because its response was deleted before it could be sent.
 */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookEndpointInput {
  url: string;
  /** The survey whose completions it receives; null: every survey. */
  survey: string | null;
  /** `whsec_…`: kept as given, since every delivery is signed with it. */
  secret: string;
  createdAt: Date;
}

/** A webhook endpoint as stored. */
export interface WebhookEndpoint {
  id: number;
  url: string;
  survey: string | null;
  secret: string;
  createdAt: string;
  /** Set while switched off: no new events, and the ones waiting wait. */
  disabledAt: string | null;
}

/** One delivery (an event for one endpoint) as the endpoint's log shows it. */
export interface WebhookDelivery {
  id: number;
  type: WebhookEventType;
  responseId: number | null;
  createdAt: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  doneAt: string | null;
  /** Every attempt so far, oldest first. */
  log: WebhookAttempt[];
}

/** One attempt: the receiver's status code, or what went wrong, and how long it took. */
export interface WebhookAttempt {
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * What {@link WebhookStorage.retryWebhookDelivery} did: `queued`; `not-retryable` when the
 * delivery was delivered or skipped, or a worker is sending it right now; `none` when the
 * endpoint has no such delivery.
 */
export type RetryOutcome = 'queued' | 'not-retryable' | 'none';

/** What {@link Storage.claimWebhookDeliveries} takes. */
export interface ClaimInput {
  /** Who claims (one id per worker): only it can settle what it claimed. */
  owner: string;
  at: Date;
  /** Until when the claim holds: longer than an attempt can take (its timeout). */
  leaseUntil: Date;
  limit: number;
}

/** A delivery a worker holds, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  endpointId: number;
  url: string;
  secret: string;
  type: WebhookEventType;
  responseId: number | null;
  survey: string | null;
  createdAt: string;
  /** Attempts made before this one. */
  attempts: number;
}

/** How an attempt ended, as {@link Storage.settleWebhookDelivery} records it. */
export interface SettleInput {
  id: number;
  owner: string;
  at: Date;
  /** `pending` with `nextAttemptAt`: try again then. */
  status: DeliveryStatus;
  nextAttemptAt?: Date;
  /** The attempt made, for the log; absent when none was (a skipped delivery). */
  attempt?: Omit<WebhookAttempt, 'at'>;
}

/** The storage of webhooks (issue 17 item 4, docs/decisions/0018). */
export interface WebhookStorage {
  /** Stores an endpoint; returns its id. */
  createWebhookEndpoint(input: WebhookEndpointInput): Promise<number>;
  /** Every endpoint, oldest first. */
  listWebhookEndpoints(): Promise<WebhookEndpoint[]>;
  getWebhookEndpoint(id: number): Promise<WebhookEndpoint | undefined>;
  /** Switches an endpoint off (`at`) or on again (null); false when there is no such endpoint. */
  setWebhookEndpointDisabled(id: number, at: Date | null): Promise<boolean>;
  /** Deletes an endpoint with its deliveries and their log; false when there is none. */
  deleteWebhookEndpoint(id: number): Promise<boolean>;
  /** Queues a `webhook.test` event for an endpoint; false when there is no such endpoint. */
  enqueueWebhookTest(endpointId: number, at: Date): Promise<boolean>;
  /**
   * The owner's "Send now" for one delivery of an endpoint: a failed one is queued for one more
   * attempt at `at`, a waiting one skips the rest of its backoff (its attempts count on). Order
   * per endpoint holds: it is still the endpoint's oldest waiting delivery or waits its turn.
   */
  retryWebhookDelivery(endpointId: number, deliveryId: number, at: Date): Promise<RetryOutcome>;
  /** An endpoint's latest `limit` deliveries, newest first, each with its attempts. */
  listWebhookDeliveries(endpointId: number, limit: number): Promise<WebhookDelivery[]>;
  /**
   * Leases up to `limit` deliveries due at `at`: of each enabled endpoint, only the oldest
   * pending one (a later event waits for the earlier), and only one no other worker holds.
   * Each is claimed by a conditional UPDATE, so two workers never hold the same one.
   */
  claimWebhookDeliveries(input: ClaimInput): Promise<ClaimedDelivery[]>;
  /**
   * Records how an attempt ended and releases the lease, with its log line, in one
   * transaction; false (nothing written) when `owner` no longer holds it.
   */
  settleWebhookDelivery(input: SettleInput): Promise<boolean>;
}
