import { sql } from '../kysely.js';
import type { Engine } from '../engine.js';
import { keepHiddenRows } from './hidden.js';
import { postgresBatches } from './batches.js';
import { createPostgresDialect } from './dialect.js';
import type { PostgresOptions } from './dialect.js';
import { isPostgresUnavailable } from './errors.js';
import { probePostgres } from './probe.js';

export type { PostgresOptions } from './dialect.js';

/** Any fixed 64-bit number; only Canvass's migrations take this advisory lock. */
const MIGRATION_LOCK_KEY = 0x43616e76;

/** The PostgreSQL engine: a pg connection pool to one database. */
export function postgresEngine(options: PostgresOptions): Engine {
  return {
    dialect: createPostgresDialect(options),
    // An identity column (SQL standard); `by default` still lets a restore insert ids.
    autoIncrementPrimaryKey: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
    // A transaction-scoped advisory lock: released by COMMIT/ROLLBACK or a dropped connection.
    // No statement or lock timeout inside: a migration may rewrite a large table, and a process
    // starting beside another waits on this lock for as long as that one migrates.
    beginMigration: async (db) => {
      await sql`begin`.execute(db);
      await sql`set local statement_timeout = 0`.execute(db);
      await sql`set local lock_timeout = 0`.execute(db);
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(db);
    },
    probe: probePostgres,
    // The pool runs writes side by side; a shared transaction would queue them on one. Each
    // statement costs a round trip and each write a commit: many respondents share one.
    groupCommit: false,
    batches: postgresBatches,
    keepHiddenRows,
    narrowedSets: 'bits',
    isUnavailable: isPostgresUnavailable,
  };
}
