import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** More distinct statements than Canvass has queries; a bound so odd SQL cannot grow it. */
const MAX_STATEMENTS = 256;

/**
 * better-sqlite3 behind Kysely's `SqliteDatabase`, with a prepared-statement cache. Kysely
 * prepares every query afresh, and preparing costs more than running one of Canvass's small
 * queries; the SQL text of a built query is stable, so the statement is reused. A statement
 * still busy (an open `iterate`) is never handed out twice: a fresh one is prepared instead.
 */
export function cachingDatabase(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) return cached;
      const statement = db.prepare(sql);
      if (cached === undefined) {
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value ?? '');
        cache.set(sql, statement);
      }
      return statement;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}
