import { sql } from '../kysely.js';
import type { Engine } from '../engine.js';
import { keepHiddenRows } from './hidden.js';
import { createSqliteDialect } from './dialect.js';
import type { SqliteOptions } from './dialect.js';
import { isSqliteUnavailable } from './errors.js';
import type { CachingDatabase } from './statements.js';
import { probeSqlite } from './probe.js';
import { readersDialect, SqliteReaders } from './readers.js';

export type { SqliteOptions } from './dialect.js';

/** The SQLite engine: one better-sqlite3 connection to a file (or `:memory:`). */
export function sqliteEngine(options: SqliteOptions): Engine {
  // Kysely opens the file on its first query (migrations, before any respondent's read).
  let opened: CachingDatabase | undefined;
  return {
    dialect: createSqliteDialect(options, (db) => {
      opened = db;
    }),
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
    readValue(sql, parameters) {
      if (opened === undefined) throw new Error('the SQLite database is not open yet');
      return opened.value(sql, parameters);
    },
    readRows(sql, parameters) {
      if (opened === undefined) throw new Error('the SQLite database is not open yet');
      return opened.rows(sql, parameters);
    },
    keepHiddenRows,
    narrowedSets: 'bytes',
    // Results off the event loop, on every core (decision 0030). Started on the first results
    // query: a server that only serves respondents never starts a thread.
    ...(options.path === ':memory:'
      ? {}
      : { readers: readersDialect(new SqliteReaders(options.path)) }),
    isUnavailable: isSqliteUnavailable,
  };
}
