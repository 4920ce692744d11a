import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import type { CachingDatabase } from './statements.js';

/**
 * How SQLite waits for a lock another process holds (issue 18). better-sqlite3 is synchronous:
 * SQLite's own busy handler sleeps on the event loop's thread, so a 5 s `busy_timeout` froze
 * every request, even the stylesheet, for 5 s per write. Now SQLite waits only a moment
 * itself (enough for another worker's commit, which takes well under a millisecond), and the
 * wait beyond that is a timer: the loop serves other requests meanwhile. A lock still held
 * after `totalMs` fails the statement with SQLITE_BUSY, which answers 503.
 */
export const SQLITE_LOCK_WAIT = {
  /** SQLite's `busy_timeout`: the longest the event loop is blocked by one attempt. */
  busyTimeoutMs: 10,
  /** The first pause between attempts; it doubles up to `maxDelayMs`. */
  firstDelayMs: 5,
  maxDelayMs: 100,
  /** Give up once this long has passed since the first attempt. */
  totalMs: 1000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * Kysely's SQLite connection with the waits above, and the reopening of a file that was
 * read-only: SQLite fixes at open time whether a connection may write, so a database that was
 * read-only when Canvass started (a read-only mount, an immutable file) stayed so after it
 * became writable. After a write refused with SQLITE_READONLY, the next statement outside a
 * transaction opens the file again first; if it is writable now, service resumes.
 *
 * A statement is tried again only where that is safe: outside a transaction (an autocommit
 * statement, or `BEGIN IMMEDIATE`, which failed without opening one) or a COMMIT, as
 * https://www.sqlite.org/rescode.html#busy advises.
 */
export class WaitingConnection implements DatabaseConnection {
  private stale = false;

  constructor(
    private readonly inner: DatabaseConnection,
    private readonly db: CachingDatabase,
    private readonly canReopen: boolean,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.stale && !this.db.inTransaction) {
      this.db.reopen();
      this.stale = false;
    }
    const started = Date.now();
    for (let delay = SQLITE_LOCK_WAIT.firstDelayMs; ;) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        const code = codeOf(error);
        if (this.canReopen && code.startsWith('SQLITE_READONLY')) this.stale = true;
        const retry =
          code.startsWith('SQLITE_BUSY') &&
          (!this.db.inTransaction || /^\s*commit\b/i.test(query.sql)) &&
          Date.now() - started + delay <= SQLITE_LOCK_WAIT.totalMs;
        if (!retry) throw error;
      }
      await sleep(delay);
      delay = Math.min(delay * 2, SQLITE_LOCK_WAIT.maxDelayMs);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
