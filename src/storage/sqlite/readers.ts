/**
 * The owners' results queries on SQLite, run by threads of their own (decision 0030): each
 * thread holds a read-only connection to the database file (reader-worker.mjs), so a results
 * page's queries run on every core side by side, as they do over PostgreSQL's pool, and none of
 * them blocks the event loop the respondents are served on. better-sqlite3 is synchronous: on
 * the main connection a cross-tab of 100,000 responses held the loop for a second, in pieces
 * of up to ~250 ms.
 *
 * WAL lets these connections read while the main one writes; they see what is committed, which
 * is everything a respondent has been answered for (the group commit answers after COMMIT).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult } from 'kysely';
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from '../kysely.js';
import { SQLITE_LOCK_WAIT } from './retry.js';

/** Reader threads at most: a results page runs a few queries a question at once. */
const MAX_READERS = 4;

/**
 * A reader with nothing to do for this long ends, giving its memory back (~20 MB a thread, and
 * what its queries grew): results are read in bursts, an owner's page at a time.
 */
const READER_IDLE_MS = 60_000;

/** Each reader's page cache, as the main connection's (dialect.ts): scans go past it anyway. */
const READER_CACHE_KIB = 2000;

/** The readers' thread (tests give one that can be made to stop). */
const WORKER = new URL('./reader-worker.mjs', import.meta.url);

interface Pending {
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

type Reply =
  | { id: number; rows: unknown[] }
  | { id: number; error: { message: string; code: string | undefined } };

/** An error as the thread reported it, with better-sqlite3's code for isSqliteUnavailable. */
function rebuilt(error: { message: string; code: string | undefined }): Error {
  return error.code === undefined
    ? new Error(error.message)
    : Object.assign(new Error(error.message), { code: error.code });
}

/** One reader thread and the queries it was sent that it has not answered yet. */
class Reader {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private idle: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    path: string,
    entry: URL,
    private readonly idleMs: number,
    private readonly onStop: (reader: Reader) => void,
  ) {
    this.worker = new Worker(entry, {
      // Plain JavaScript needs none of the parent's options: a thread inheriting a loader
      // (`--import tsx`, as tests and `tsx` scripts run) spent ~450 ms of CPU starting it.
      execArgv: [],
      workerData: {
        path,
        busyTimeoutMs: SQLITE_LOCK_WAIT.totalMs,
        cacheKiB: READER_CACHE_KIB,
      },
    });
    // Idle, a reader keeps no process alive; a query under way does (send).
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      this.settle(reply);
    });
    // A thread that fails or exits fails what it was sent with a code that answers 503, and
    // the pool starts another for the next query: the process goes on.
    const stop = (cause?: unknown) => {
      if (this.stopped) return;
      this.stopped = true;
      onStop(this);
      const error = Object.assign(new Error('a SQLite reader thread stopped', { cause }), {
        code: 'SQLITE_IOERR_READER',
      });
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', stop);
    this.worker.on('exit', () => {
      stop();
    });
  }

  get load(): number {
    return this.pending.size;
  }

  query(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    const id = this.next++;
    clearTimeout(this.idle);
    return new Promise<unknown[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, sql, parameters });
    });
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) {
      this.worker.unref();
      this.idle = setTimeout(() => {
        this.retire();
      }, this.idleMs).unref();
    }
    if ('rows' in reply) pending.resolve(reply.rows);
    else pending.reject(rebuilt(reply.error));
  }

  /** Ends an idle reader, out of the pool first so that no query is sent to it meanwhile. */
  private retire(): void {
    if (this.stopped || this.pending.size > 0) return;
    this.stopped = true;
    this.onStop(this);
    void this.worker.terminate();
  }

  async stop(): Promise<void> {
    clearTimeout(this.idle);
    this.stopped = true;
    await this.worker.terminate();
  }
}

/** How many readers, from which module, ending after how long idle (tests set these). */
export interface ReaderOptions {
  readonly size?: number;
  readonly entry?: URL;
  readonly idleMs?: number;
}

/**
 * Up to `size` reader threads over the file at `path`, started as queries need them: a query
 * goes to an idle thread, else to a new one while there are fewer than `size`, else to the one
 * with the fewest queries waiting. A thread idle for `idleMs` ends.
 */
export class SqliteReaders {
  private readonly readers: Reader[] = [];
  private closed = false;
  private readonly size: number;
  private readonly entry: URL;
  private readonly idleMs: number;

  constructor(
    private readonly path: string,
    options: ReaderOptions = {},
  ) {
    this.size = options.size ?? Math.max(1, Math.min(MAX_READERS, availableParallelism()));
    this.entry = options.entry ?? WORKER;
    this.idleMs = options.idleMs ?? READER_IDLE_MS;
  }

  /** Reader threads running now. */
  get running(): number {
    return this.readers.length;
  }

  query(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new Error('the SQLite readers are closed'));
    return this.pick().query(sql, parameters);
  }

  private pick(): Reader {
    let least: Reader | undefined;
    for (const reader of this.readers) {
      if (reader.load === 0) return reader;
      if (least === undefined || reader.load < least.load) least = reader;
    }
    if (least !== undefined && this.readers.length >= this.size) return least;
    const reader = new Reader(this.path, this.entry, this.idleMs, (stopped) => {
      const at = this.readers.indexOf(stopped);
      if (at !== -1) this.readers.splice(at, 1);
    });
    this.readers.push(reader);
    return reader;
  }

  async close(): Promise<void> {
    this.closed = true;
    const readers = this.readers.splice(0);
    await Promise.all(readers.map((reader) => reader.stop()));
  }
}

/**
 * A Kysely dialect whose queries run on `readers`: SQLite's SQL, one connection object that
 * hands each query to the pool, no transactions (each query reads on its own, as on a pool).
 */
export function readersDialect(readers: SqliteReaders): Dialect {
  const connection = new ReadersConnection(readers);
  const noTransactions = () => Promise.reject(new Error('the SQLite readers run no transactions'));
  const driver: Driver = {
    init: () => Promise.resolve(),
    acquireConnection: () => Promise.resolve(connection),
    beginTransaction: noTransactions,
    commitTransaction: noTransactions,
    rollbackTransaction: noTransactions,
    releaseConnection: () => Promise.resolve(),
    destroy: () => readers.close(),
  };
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

/** Kysely's connection to the readers: every query handed to the pool. */
class ReadersConnection implements DatabaseConnection {
  constructor(private readonly readers: SqliteReaders) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: (await this.readers.query(query.sql, query.parameters)) as R[] };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite readers do not stream');
  }
}
