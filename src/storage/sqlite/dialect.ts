import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { cachingDatabase, type CachingDatabase } from './statements.js';

export interface SqliteOptions {
  /** Absolute file path, or `:memory:`. */
  path: string;
  /** Opens with SQLITE_OPEN_READONLY: every write fails with SQLITE_READONLY. */
  readonly?: boolean;
  /**
   * Opens an existing file only, and changes nothing on opening it (no directory made, no
   * journal mode set): `canvass export` must not create a database where there is none.
   */
  mustExist?: boolean;
}

/**
 * A Kysely dialect over one better-sqlite3 connection. The file is opened on the first
 * query, so a missing directory or a locked file surfaces where errors are classified.
 */
export function createSqliteDialect(
  options: SqliteOptions,
  onOpen: (db: CachingDatabase) => void = () => undefined,
): SqliteDialect {
  return new SqliteDialect({
    database: () => {
      const db = openDatabase(options);
      onOpen(db);
      return Promise.resolve(db);
    },
  });
}

function openDatabase({
  path,
  readonly = false,
  mustExist = false,
}: SqliteOptions): CachingDatabase {
  const inMemory = path === ':memory:';
  const creates = !inMemory && !readonly && !mustExist;
  if (creates) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path, { readonly, fileMustExist: mustExist, timeout: 5000 });
  try {
    // WAL lets readers proceed while one writer commits; NORMAL is durable in WAL mode
    // except for the last transactions on power loss. https://www.sqlite.org/wal.html
    if (creates) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // SQLite's own default page cache, 2 MB. better-sqlite3 builds with 16 MB, which a growing
    // answers table fills page by page: the process grew ~3 MB a minute under load and kept
    // it. Pages beyond the cache come from the OS file cache, and the respondent path touches
    // few: the newest pages of each table and index, and one response's answers.
    db.pragma('cache_size = -2000');
  } catch (error) {
    db.close();
    throw error;
  }
  return cachingDatabase(db);
}
