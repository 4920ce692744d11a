import type { Kysely } from 'kysely';
import { CompiledQuery } from './kysely.js';
import type { Executor } from './precompiled.js';

/** Whether an operation writes: a batch with a write takes the write lock when it begins. */
export type Access = 'read' | 'write';

/** An operation waiting for the next shared transaction. */
interface Pending {
  readonly access: Access;
  readonly run: (connection: Executor) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

const BEGIN_READ = CompiledQuery.raw('begin');
// IMMEDIATE takes the write lock at BEGIN, waiting for it (busy_timeout) if another process
// holds it. A deferred transaction that read first could not wait when it came to write
// (SQLITE_BUSY_SNAPSHOT): https://www.sqlite.org/isolation.html
const BEGIN_WRITE = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

/**
 * Group commit: the respondents' operations that arrive while the database is busy share one
 * transaction. On SQLite a small write costs its commit (the WAL frames of every page it
 * touched, ~65 µs here), not its INSERT (~5 µs), and even a one-row read costs the file locks
 * of its transaction (two fcntl calls and an fstat, ~6 µs of a ~8 µs count); ten operations
 * in one transaction pay those once. With many respondents at once that is the difference in
 * throughput. Each caller hears back only after the transaction holding its operation has
 * committed, so a 303 never precedes its answer's commit.
 *
 * Operations run in arrival order inside the transaction, so two identical answers racing
 * still meet `ON CONFLICT` one after the other, and a read sees the writes before it. If the
 * shared transaction fails for a reason other than the database being unavailable (a bug in
 * one operation), each is retried alone, so one bad operation cannot fail its neighbours;
 * when the database is unavailable, every operation of the batch fails with that error and
 * none of its writes is stored.
 */
export class GroupCommit<DB> {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly isUnavailable: (error: unknown) => boolean,
    private readonly maxBatch = 256,
  ) {}

  /**
   * Runs `op` in the next shared transaction; settles once that transaction commits. `op`
   * may give its result at once (a synchronous read, `Engine.readValue`) or as a promise.
   */
  run<T>(access: Access, op: (connection: Executor) => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ access, run: op, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        // After the current turn of the event loop: requests parsed in it join this batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      // Whatever happened, the next operation schedules a flush of its own.
      this.flushing = false;
    }
  }

  private async commit(batch: readonly Pending[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.transaction(batch);
    } catch (error) {
      if (batch.length === 1 || this.isUnavailable(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      for (const item of batch) {
        await this.transaction([item]).then(([result]) => {
          item.resolve(result);
        }, item.reject);
      }
      return;
    }
    batch.forEach((item, i) => {
      item.resolve(results[i]);
    });
  }

  /**
   * One transaction on one of the driver's connections. Operations run their compiled
   * queries on the connection itself: Kysely's executor around each query (plugins, query
   * transforms, a connection provider per call) cost ~1 µs a query, as much as a small
   * SQLite statement, and Canvass uses none of what it adds.
   */
  private transaction(batch: readonly Pending[]): Promise<unknown[]> {
    const writes = batch.some((item) => item.access === 'write');
    return this.db.getExecutor().provideConnection(async (connection) => {
      await connection.executeQuery(writes ? BEGIN_WRITE : BEGIN_READ);
      try {
        const out: unknown[] = [];
        for (const item of batch) {
          const result = item.run(connection);
          out.push(result instanceof Promise ? await result : result);
        }
        await connection.executeQuery(COMMIT);
        return out;
      } catch (error) {
        // Some errors end the transaction themselves; then there is nothing to roll back.
        await connection.executeQuery(ROLLBACK).catch(() => undefined);
        throw error;
      }
    });
  }
}
