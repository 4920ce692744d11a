import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { DatabaseConnection, Driver, SqliteDialectConfig } from 'kysely';
import { CompiledQuery, SqliteDialect, SqliteDriver } from '../kysely.js';
import { SQLITE_LOCK_WAIT, WaitingConnection } from './retry.js';
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
 * Its connection waits for other processes' locks without blocking the event loop, and
 * reopens a file that was read-only (retry.ts).
 */
export function createSqliteDialect(
  options: SqliteOptions,
  onOpen: (db: CachingDatabase) => void = () => undefined,
): SqliteDialect {
  return new WaitingSqliteDialect(options, onOpen);
}

class WaitingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly options: SqliteOptions,
    private readonly onOpen: (db: CachingDatabase) => void,
  ) {
    // SqliteDialect uses its config only in createDriver, which is replaced below.
    super({ database: () => Promise.reject(new Error('unused')) });
  }

  override createDriver(): Driver {
    let db: CachingDatabase | undefined;
    const canReopen = this.options.readonly !== true && this.options.path !== ':memory:';
    return new WaitingSqliteDriver(
      {
        database: () => {
          // Reopening never creates a file: one moved or deleted meanwhile stays an outage.
          const reopen = () => openRaw({ ...this.options, mustExist: true });
          db = cachingDatabase(openRaw(this.options), reopen);
          this.onOpen(db);
          return Promise.resolve(db);
        },
      },
      (connection) => {
        if (db === undefined) throw new Error('the SQLite database is not open yet');
        return new WaitingConnection(connection, db, canReopen);
      },
    );
  }
}

/** Kysely's driver, handing out its one connection wrapped in a `WaitingConnection`. */
class WaitingSqliteDriver extends SqliteDriver {
  private wrapped: { inner: DatabaseConnection; outer: DatabaseConnection } | undefined;

  constructor(
    config: SqliteDialectConfig,
    private readonly wrap: (connection: DatabaseConnection) => DatabaseConnection,
  ) {
    super(config);
  }

  /**
   * Kysely's transactions (a version's adoption of older responses) write, so they take the
   * write lock at BEGIN, where a lock held elsewhere can be waited for (retry.ts); a deferred
   * BEGIN would meet it at its first write, inside the transaction, where it cannot.
   */
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    if (this.wrapped?.inner !== inner) this.wrapped = { inner, outer: this.wrap(inner) };
    return this.wrapped.outer;
  }
}

function openRaw({
  path,
  readonly = false,
  mustExist = false,
}: SqliteOptions): BetterSqlite3.Database {
  const inMemory = path === ':memory:';
  const creates = !inMemory && !readonly && !mustExist;
  if (creates) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path, {
    readonly,
    fileMustExist: mustExist,
    timeout: SQLITE_LOCK_WAIT.busyTimeoutMs,
  });
  try {
    // WAL lets readers proceed while one writer commits; NORMAL is durable in WAL mode
    // except for the last transactions on power loss. https://www.sqlite.org/wal.html
    if (creates) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${SQLITE_LOCK_WAIT.busyTimeoutMs}`);
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
  return db;
}
