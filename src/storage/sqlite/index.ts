import type { Engine } from '../engine.js';
import { createSqliteDialect } from './dialect.js';
import type { SqliteOptions } from './dialect.js';
import { isSqliteUnavailable } from './errors.js';

export type { SqliteOptions } from './dialect.js';

/** The SQLite engine: one better-sqlite3 connection to a file (or `:memory:`). */
export function sqliteEngine(options: SqliteOptions): Engine {
  return {
    dialect: createSqliteDialect(options),
    // `integer primary key autoincrement`: ids are never reused, even after deletes.
    autoIncrementPrimaryKey: (column) => column.primaryKey().autoIncrement(),
    isUnavailable: isSqliteUnavailable,
  };
}
