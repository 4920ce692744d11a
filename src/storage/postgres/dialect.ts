import { createRequire } from 'node:module';
import { PostgresDialect } from 'kysely';
import type * as Pg from 'pg';

// pg is loaded only when a PostgreSQL URL is configured: a SQLite deployment never pays for it.
const load = createRequire(import.meta.url);

export interface PostgresOptions {
  /** `postgres://USER:PASSWORD@HOST:PORT/DATABASE`. */
  url: string;
  /** Opens every session with `default_transaction_read_only`: every write is refused. */
  readonly?: boolean;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * A Kysely dialect over a pg connection pool. Connections are made on the first query, so a
 * server that is down surfaces where errors are classified (at migration, on startup).
 */
export function createPostgresDialect(options: PostgresOptions): PostgresDialect {
  const pg = load('pg') as typeof Pg;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Fail fast rather than hang a request when the server is unreachable.
    connectionTimeoutMillis: 5000,
    ...(options.readonly === true ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener that
  // would crash the process. The next query reports the outage instead.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
