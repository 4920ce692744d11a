import cluster, { type Worker } from 'node:cluster';
import { EXIT_DATABASE_UNAVAILABLE } from './exit.js';
import { listeningUrl } from './serve.js';

/** A worker that exits before listening, or this soon after being forked, failed to start. */
const RAPID_EXIT_MS = 2000;
/**
 * This many rapid exits in a row is a crash loop (a bad port, Redis down): give up. A worker
 * that exits because the database is unavailable does not count: see below.
 */
const MAX_RAPID_EXITS = 5;
const MAX_BACKOFF_MS = 5000;
/** How long a shutdown waits for in-flight requests before workers are killed outright. */
const SHUTDOWN_GRACE_MS = 30_000;

export interface SupervisorOptions {
  readonly workers: number;
  /** For the announcement: the `--host` the workers listen on. */
  readonly host: string;
  /** Added to each worker's environment. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Keeps `workers` cluster workers running. Prints `Listening on http://HOST:PORT` once, when
 * the first worker listens. A worker that dies is replaced, at once if it had been running
 * a while, otherwise after a backoff that doubles up to 5 s; after 5 rapid exits in a row
 * the primary stops everything and exits 1 rather than fork forever. A worker that exits with
 * EXIT_DATABASE_UNAVAILABLE (it could not reach or write the database, e.g. PostgreSQL
 * restarting) is different: waiting fixes that, so it is started again after the same capped
 * backoff for as long as it takes, and the count starts over once one listens. SIGTERM/SIGINT is
 * passed to every worker, which finishes its in-flight requests; the primary exits when
 * the last one has.
 */
export function superviseWorkers({ workers, host, env }: SupervisorOptions): void {
  const started = new Map<number, { at: number; listening: boolean }>();
  let announced = false;
  let stopping = false;
  let failed = false;
  let rapidExits = 0;
  let databaseExits = 0;

  const fork = () => {
    if (stopping) return;
    const worker = cluster.fork(env);
    started.set(worker.id, { at: Date.now(), listening: false });
  };
  const finishIfDone = () => {
    if (stopping && started.size === 0) process.exit(failed ? 1 : 0);
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of liveWorkers()) worker.process.kill(signal);
    setTimeout(() => {
      for (const worker of liveWorkers()) worker.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS).unref();
    finishIfDone();
  };

  cluster.on('listening', (worker, address) => {
    const entry = started.get(worker.id);
    if (entry !== undefined) entry.listening = true;
    databaseExits = 0;
    if (announced) return;
    announced = true;
    process.stdout.write(`Listening on ${listeningUrl(host, address.port)}\n`);
  });
  // @types/node says string, but Node passes null for the one that did not happen.
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const entry = started.get(worker.id);
    started.delete(worker.id);
    const failedToStart =
      entry === undefined || !entry.listening || Date.now() - entry.at < RAPID_EXIT_MS;
    if (stopping) {
      // A worker still starting dies of the forwarded signal itself; that is a clean stop too.
      if (signal === 'SIGKILL' || (signal === null && code !== 0)) failed = true;
      finishIfDone();
      return;
    }
    if (code === EXIT_DATABASE_UNAVAILABLE) {
      databaseExits++;
      const delay = backoff(databaseExits);
      process.stderr.write(
        `Worker ${String(worker.process.pid)} could not open the database; starting a new one in ${delay} ms.\n`,
      );
      setTimeout(fork, delay);
      return;
    }
    const how = signal === null ? `code ${String(code)}` : signal;
    rapidExits = failedToStart ? rapidExits + 1 : 0;
    if (rapidExits >= MAX_RAPID_EXITS) {
      process.stderr.write(
        `Workers keep failing to start (${rapidExits} in a row, the last with ${how}); stopping. See the errors above.\n`,
      );
      failed = true;
      stop('SIGTERM');
      return;
    }
    const delay = rapidExits === 0 ? 0 : backoff(rapidExits);
    process.stderr.write(
      `Worker ${String(worker.process.pid)} exited (${how}); starting a new one${delay === 0 ? '' : ` in ${delay} ms`}.\n`,
    );
    setTimeout(fork, delay);
  });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  for (let i = 0; i < workers; i++) fork();
}

/** 100 ms before the first retry, doubling each time up to 5 s. */
function backoff(failures: number): number {
  return Math.min(100 * 2 ** (failures - 1), MAX_BACKOFF_MS);
}

function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
}
