import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables that `migrations.ts` creates. Timestamps are ISO-8601 UTC text. */
export interface Database {
  survey_versions: SurveyVersionsTable;
  responses: ResponsesTable;
  answers: AnswersTable;
  answer_items: AnswerItemsTable;
  admin_sessions: AdminSessionsTable;
  resume_tokens: ResumeTokensTable;
  survey_caps: SurveyCapsTable;
  audit_log: AuditLogTable;
  public_links: PublicLinksTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_attempts: WebhookAttemptsTable;
  api_tokens: ApiTokensTable;
  response_hidden: ResponseHiddenTable;
}

/** Each distinct definition of a survey, stored once (by content hash) when a server starts. */
export interface SurveyVersionsTable {
  id: Generated<number>;
  survey: string;
  /** 1, 2, 3… within one survey, in the order the definitions were first served. */
  number: number;
  hash: string;
  /** The normalised definition as JSON text; storage does not interpret it. */
  definition: string;
  created_at: string;
}

export interface ResponsesTable {
  id: Generated<number>;
  survey: string;
  /** Null only for responses stored before versions existed, until their survey registers one. */
  version_id: number | null;
  started_at: string;
  completed_at: string | null;
  /**
   * The browser that began it (a key derived in http/respondent.ts); null for rows older than
   * migration 0003 and for responses begun without one.
   */
  respondent: Generated<string | null>;
  /** Page writes so far (migration 0006): a page form's write is accepted only at this one. */
  revision: Generated<number>;
  /** The frontier's page index as of the last page write; null before one and when complete. */
  frontier: Generated<number | null>;
  /**
   * The hidden fields it began with (SURVEYS.md §6) as a JSON object of name → value; null
   * when none, and for rows older than migration 0007.
   */
  hidden: ColumnType<string | null, string | null | undefined, never>;
  /** The language it began in (SURVEYS.md §5, migration 0017); null without `languages`. */
  lang: ColumnType<string | null, string | null | undefined, never>;
}

export interface AnswersTable {
  response_id: number;
  /** A copy of the response's version, so results group over one index without a join. */
  version_id: number | null;
  /** 0-based question index. */
  question: number;
  /**
   * The answer's one value where its kind has one (docs/decisions/0013): the choice id (the
   * choice text in format 1), `yes`/`no`, the text, the number or date as text; '' when the
   * question was submitted without one, or its values are items.
   */
  answer: string;
  comment: string | null;
  answered_at: string;
  /** The value as a number where results need one (number, rating, nps; date as days). */
  num: ColumnType<number | null, number | null | undefined, never>;
  /** The respondent's text for the Other option. */
  other: ColumnType<string | null, string | null | undefined, never>;
}

/**
 * The values of an answer that has several (docs/decisions/0013): a ticked `multi` choice
 * (item null, value its id), a `grid` row (item the row, value the column, num its value), a
 * ranked choice (item the choice, value and num the rank).
 */
export interface AnswerItemsTable {
  response_id: number;
  version_id: number | null;
  question: number;
  item: string | null;
  value: string;
  num: number | null;
}

/** One admin login not yet ended (logout deletes it; expired rows are pruned at the next login). */
export interface AdminSessionsTable {
  /** The random id the session's admin marker carries. */
  id: string;
  created_at: string;
  /** The absolute deadline: the row is not honoured after it. */
  expires_at: string;
}

/** One resume link (SURVEYS.md §7); expired rows are pruned when the next link is made. */
export interface ResumeTokensTable {
  /** The SHA-256 of the link's token, base64url: the token itself is never stored. */
  hash: string;
  response_id: number;
  expires_at: string;
}

/**
 * The completed responses of a survey with `maxResponses` (SURVEYS.md §8), counted by the
 * completing writes themselves (docs/decisions/0016): created, from a count, by its first one.
 */
export interface SurveyCapsTable {
  survey: string;
  completed: number;
}

/** What owners deleted (migration 0011): one row per deletion, written in its transaction. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** One of `AUDIT_ACTIONS` (contract.ts). */
  action: string;
  survey: string;
  /** What went, in words (`Response #12 of version 1`), for the dashboard. */
  detail: string;
}

/** One public results link (issue 17 item 6); a revoked one stays, with when. */
export interface PublicLinksTable {
  /** The SHA-256 of the link's token, base64url: the token itself is never stored. */
  hash: string;
  survey: string;
  created_at: string;
  /** Null: the link never expires. */
  expires_at: string | null;
  revoked_at: string | null;
  /** 1 when the link shows free-text answers and comments, else 0. */
  texts: ColumnType<number, number | undefined, number>;
}

/** Where completed responses are POSTed (issue 17 item 4, migration 0014). */
export interface WebhookEndpointsTable {
  id: Generated<number>;
  url: string;
  /** The survey whose completions it receives; null: every survey. */
  survey: string | null;
  /** `whsec_` and the base64 key: kept as is, since every delivery is signed with it. */
  secret: string;
  created_at: string;
  /** Set while the owner has it switched off: no new events, and its line waits. */
  disabled_at: string | null;
}

/**
 * One event for one endpoint, written in the transaction that completed its response: its
 * delivery's state too. `status`: pending, delivered, failed (every attempt used) or skipped
 * (its response was deleted first). A worker holds it while `lease_until` is in the future.
 */
export interface WebhookOutboxTable {
  id: Generated<number>;
  endpoint_id: number;
  /** `response.completed` or `webhook.test`. */
  type: string;
  response_id: number | null;
  survey: string | null;
  created_at: string;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  lease_until: ColumnType<string | null, string | null | undefined, string | null>;
  lease_owner: ColumnType<string | null, string | null | undefined, string | null>;
  done_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One delivery attempt: the receiver's status code, or what went wrong, and how long it took. */
export interface WebhookAttemptsTable {
  id: Generated<number>;
  outbox_id: number;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** One API token (issue 17 item 5); a revoked one stays, with when. */
export interface ApiTokensTable {
  id: Generated<number>;
  /** The SHA-256 of the token, base64url: the token itself is never stored. */
  hash: string;
  /** The owner's name for it (what uses it), shown in the list. */
  name: string;
  /** The one survey it reads; null: every survey. */
  survey: string | null;
  created_at: string;
  /** When it last opened the API, to the minute; null: never. */
  last_used_at: ColumnType<string | null, string | null | undefined, string | null>;
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * One hidden field of one response (migration 0016): a copy of `responses.hidden`, one row a
 * name, made by a trigger on insert, so results filter and cross-tabulate by it over an index.
 */
export interface ResponseHiddenTable {
  response_id: number;
  version_id: number | null;
  name: string;
  value: string;
}
