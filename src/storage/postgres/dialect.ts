import { createRequire } from 'node:module';
import { PostgresDialect } from '../kysely.js';
import type * as Pg from 'pg';
import { sessionSettings } from './settings.js';

// pg is loaded only when a PostgreSQL URL is configured: a SQLite deployment never pays for it.
const load = createRequire(import.meta.url);

/**
 * How long Canvass waits on PostgreSQL before answering 503 instead (docs/security.md):
 * a respondent's statements take milliseconds, so anything this slow is an outage, a lock held
 * elsewhere or a pool taken up by such waits, and the respondent is better told at once that
 * their progress is kept than left hanging (issue 18: a locked table hung a request 43 s).
 */
export const POSTGRES_TIMEOUTS = {
  /** `statement_timeout`: any one statement. */
  statementMs: 5000,
  /** `lock_timeout`: waiting for a lock another session holds (e.g. `LOCK TABLE`). */
  lockMs: 2000,
  /** Waiting for a pooled connection, or for a new one to connect (pg's `connectionTimeoutMillis`). */
  acquireMs: 3000,
};

export interface PostgresOptions {
  /**
   * `postgres://USER:PASSWORD@HOST:PORT/DATABASE`. Server settings in its `options`
   * parameter (`?options=-c%20statement_timeout%3D30s`) win over Canvass's defaults.
   */
  url: string;
  /** Opens every session with `default_transaction_read_only`: every write is refused. */
  readonly?: boolean;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Overrides of {@link POSTGRES_TIMEOUTS}, for tests. */
  timeouts?: Partial<typeof POSTGRES_TIMEOUTS>;
}

/**
 * A Kysely dialect over a pg connection pool. Connections are made on the first query, so a
 * server that is down surfaces where errors are classified (at migration, on startup).
 */
export function createPostgresDialect(options: PostgresOptions): PostgresDialect {
  // A pool per Kysely instance: startup destroys and retries one (storage/open.ts), and an
  // ended pool cannot be used again ("Cannot use a pool after calling end on the pool").
  return new PostgresDialect({ pool: () => Promise.resolve(createPool(options)) });
}

function createPool(options: PostgresOptions): Pg.Pool {
  const pg = load('pg') as typeof Pg;
  const timeouts = { ...POSTGRES_TIMEOUTS, ...options.timeouts };
  const pool = new pg.Pool({
    connectionString: sessionSettings(options.url, {
      statement_timeout: timeouts.statementMs,
      lock_timeout: timeouts.lockMs,
      // speed: no parallel workers for one query (decision 0028). Results read a narrowed set's
      // bits on each counted row, which made the planner start workers for index ranges of
      // 100,000 rows: 4× slower than one process on a two-core machine (workers start per
      // query), and a survey server's cores serve many requests at once. An operator's own
      // `-c max_parallel_workers_per_gather=…` in the URL wins.
      max_parallel_workers_per_gather: 0,
      ...(options.readonly === true ? { default_transaction_read_only: 'on' } : {}),
    }),
    max: options.poolSize ?? 10,
    // Bounds both the wait for a free pooled connection and a connect that does not answer.
    connectionTimeoutMillis: timeouts.acquireMs,
  });
  // A connection that loses its server (a restart, a failover, pg_terminate_backend) emits
  // 'error'; with no listener that ends the process. An idle one emits it on the pool; one a
  // query holds emits it on itself, and that query rejects anyway, so both are ignored here:
  // the failed query answers 503 and the pool replaces the dead connection when it is released.
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  return pool;
}

function ignore(): void {
  // See above: the query that ran into the failure reports it.
}
