import type { Storage } from '../storage/index.js';

/**
 * Deletes the responses `begin` created that never got an answer (issue 18 item 4: one client
 * created 78,000 response rows a minute through `begin`). Rows with an answer are kept for
 * ever: they are the drop-off figures. Every `canvass serve` process runs one; two deleting
 * at once only find less to delete.
 */
export interface PrunerOptions {
  readonly storage: Storage;
  /** Seconds after `begin` when an unanswered response goes; 0 never prunes. */
  readonly afterSeconds: number;
  readonly now?: () => Date;
  /** Called with each run's count, or with what went wrong (the database may be away). */
  readonly report?: (outcome: { pruned: number } | { error: unknown }) => void;
}

/** One pass: deletes what is old enough now; returns how many responses went. */
export function pruneOnce({ storage, afterSeconds, now = () => new Date() }: PrunerOptions) {
  if (afterSeconds === 0) return Promise.resolve(0);
  return storage.pruneEmptyResponses(new Date(now().getTime() - afterSeconds * 1000));
}

/** At most an hour between passes, and no more often than the age itself. */
export function pruneInterval(afterSeconds: number): number {
  return Math.min(afterSeconds, 3600) * 1000;
}

/**
 * Runs {@link pruneOnce} now and then every {@link pruneInterval}; returns the stop function.
 * A failed pass is reported and the next one tries again: a database away never ends the
 * process. The timer does not keep the process alive.
 */
export function startPruner(options: PrunerOptions): () => void {
  if (options.afterSeconds === 0) return () => undefined;
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    pruneOnce(options)
      .then(
        (pruned) => options.report?.({ pruned }),
        (error: unknown) => options.report?.({ error }),
      )
      .finally(() => (running = false));
  };
  const first = setTimeout(pass, 0);
  const timer = setInterval(pass, pruneInterval(options.afterSeconds));
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
