import type { Kysely } from 'kysely';

/** A write waiting for the next group commit. */
interface Pending<DB> {
  readonly write: (trx: Kysely<DB>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * Group commit: writes that arrive while the database is busy share one transaction. On
 * SQLite the cost of a respondent's write is the commit (the WAL frames of every page it
 * touched, ~65 µs here), not the INSERT (~5 µs), so ten answers committed together cost about
 * a quarter as much each as ten committed one by one; with many respondents answering at once
 * that is the difference in throughput. Each caller still hears back only after the
 * transaction holding its write has committed, so a 303 never precedes its answer's commit.
 *
 * Writes run in arrival order inside the transaction, so two identical answers racing still
 * meet `ON CONFLICT` one after the other. If the shared transaction fails for a reason that
 * is not the database being unavailable (a bug in one write), each write is retried alone so
 * that one bad write cannot fail its neighbours; when the database is unavailable, every write
 * of the batch fails with that error, and nothing of it is stored.
 */
export class GroupCommit<DB> {
  private pending: Pending<DB>[] = [];
  private flushing = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly isUnavailable: (error: unknown) => boolean,
    private readonly maxBatch = 256,
  ) {}

  /** Runs `write` in the next shared transaction; settles once that transaction commits. */
  run<T>(write: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        // After the current turn of the event loop: requests parsed in it join this batch.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      await this.commit(batch);
    }
    this.flushing = false;
  }

  private async commit(batch: readonly Pending<DB>[]): Promise<void> {
    let results: unknown[];
    try {
      results = await this.db.transaction().execute(async (trx) => {
        const out: unknown[] = [];
        for (const item of batch) out.push(await item.write(trx));
        return out;
      });
    } catch (error) {
      if (batch.length === 1 || this.isUnavailable(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      for (const item of batch) {
        await this.db.transaction().execute(item.write).then(item.resolve, item.reject);
      }
      return;
    }
    batch.forEach((item, i) => {
      item.resolve(results[i]);
    });
  }
}
