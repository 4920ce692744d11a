import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** More distinct statements than Canvass has queries; a bound so odd SQL cannot grow it. */
const MAX_STATEMENTS = 256;

/** Kysely's `SqliteDatabase`, and a synchronous one-value read beside it. */
export interface CachingDatabase extends SqliteDatabase {
  /**
   * The first column of the first row `sql` gives (`undefined` for no row), read at once on
   * the same connection: no row object, no result array, no promise. Its statements are
   * better-sqlite3's "plucked" ones, kept apart from those Kysely is handed.
   */
  value(sql: string, parameters: readonly unknown[]): unknown;
  /** Every row `sql` gives, read at once on the same connection: no promise. */
  rows(sql: string, parameters: readonly unknown[]): unknown[];
  /** Whether a transaction is open on the connection. */
  readonly inTransaction: boolean;
  /**
   * Opens the file again and continues on the new connection (statements are prepared anew);
   * the old one is closed only once the new one opened. SQLite decides at open whether a
   * connection may write, so this is how a file that became writable is picked up.
   */
  reopen(): void;
}

/**
 * better-sqlite3 behind Kysely's `SqliteDatabase`, with a prepared-statement cache. Kysely
 * prepares every query afresh, and preparing costs more than running one of Canvass's small
 * queries; the SQL text of a built query is stable, so the statement is reused. A statement
 * still busy (an open `iterate`) is never handed out twice: a fresh one is prepared instead.
 */
export function cachingDatabase(
  first: BetterSqlite3.Database,
  open: () => BetterSqlite3.Database = () => {
    throw new Error('this database cannot be reopened');
  },
): CachingDatabase {
  let db = first;
  const cache = new Map<string, BetterSqlite3.Statement>();
  const plucked = new Map<string, BetterSqlite3.Statement>();
  return {
    get inTransaction() {
      return db.inTransaction;
    },
    reopen() {
      const next = open();
      cache.clear();
      plucked.clear();
      db.close();
      db = next;
    },
    value(sql: string, parameters: readonly unknown[]): unknown {
      const statement = plucked.get(sql) ?? keep(plucked, sql, db.prepare(sql).pluck());
      return statement.get(...parameters);
    },
    rows(sql: string, parameters: readonly unknown[]): unknown[] {
      return this.prepare(sql).all(parameters);
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) return cached;
      const statement = db.prepare(sql);
      return cached === undefined ? keep(cache, sql, statement) : statement;
    },
    close() {
      cache.clear();
      plucked.clear();
      db.close();
    },
  };
}

/** Caches `statement` under `sql`, the oldest entry out first once the cache is full. */
function keep(
  cache: Map<string, BetterSqlite3.Statement>,
  sql: string,
  statement: BetterSqlite3.Statement,
): BetterSqlite3.Statement {
  if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value ?? '');
  cache.set(sql, statement);
  return statement;
}
