import { sql } from 'kysely';
import type { Engine } from '../engine.js';
import { createSqliteDialect } from './dialect.js';
import type { SqliteOptions } from './dialect.js';
import { isSqliteUnavailable } from './errors.js';
import { probeSqlite } from './probe.js';

export type { SqliteOptions } from './dialect.js';

/** The SQLite engine: one better-sqlite3 connection to a file (or `:memory:`). */
export function sqliteEngine(options: SqliteOptions): Engine {
  return {
    dialect: createSqliteDialect(options),
    // `integer primary key autoincrement`: ids are never reused, even after deletes.
    autoIncrementPrimaryKey: (column) => column.primaryKey().autoIncrement(),
    // IMMEDIATE takes the write lock at BEGIN; a second process waits for it (busy_timeout)
    // instead of reading the old schema and failing on "table already exists".
    beginMigration: async (db) => {
      await sql`begin immediate`.execute(db);
    },
    probe: probeSqlite,
    // One connection writes anyway, and a commit costs ~13× an INSERT here: share commits.
    groupCommit: true,
    isUnavailable: isSqliteUnavailable,
  };
}
