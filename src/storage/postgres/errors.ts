/**
 * PostgreSQL error classes that mean "the database cannot be reached or written right now",
 * as SQLSTATE prefixes. https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const UNAVAILABLE_SQLSTATE_PREFIXES = [
  '08', // connection exception
  '57014', // query_canceled: statement_timeout (or a cancel) ended the statement
  '55P03', // lock_not_available: lock_timeout ended the wait for a lock held elsewhere
  '53', // insufficient resources (disk full, out of memory, too many connections: 53300)
  '57P', // operator intervention: terminated (57P01), crash shutdown, cannot connect now
  '58', // system error (I/O)
  '25006', // read_only_sql_transaction (a read-only replica or session)
  '3D000', // invalid_catalog_name: the database does not exist
  '28', // invalid authorization: the server refuses our credentials
];

/** Socket-level failures from Node before PostgreSQL says anything. */
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * pg's own messages for a connection that died or never came up, or a pool with no connection
 * to spare (they carry no code).
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout expired/i,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
  /^Client was closed and is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
];

export function isPostgresUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_NODE_CODES.has(code)) return true;
    if (UNAVAILABLE_SQLSTATE_PREFIXES.some((prefix) => code.startsWith(prefix))) return true;
  }
  // Connecting to "localhost" tries ::1 and 127.0.0.1: Node reports both refusals at once.
  if (error instanceof AggregateError) return error.errors.some(isPostgresUnavailable);
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message));
}
