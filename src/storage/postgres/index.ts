import type { Engine } from '../engine.js';
import { createPostgresDialect } from './dialect.js';
import type { PostgresOptions } from './dialect.js';
import { isPostgresUnavailable } from './errors.js';

export type { PostgresOptions } from './dialect.js';

/** The PostgreSQL engine: a pg connection pool to one database. */
export function postgresEngine(options: PostgresOptions): Engine {
  return {
    dialect: createPostgresDialect(options),
    // An identity column (SQL standard); `by default` still lets a restore insert ids.
    autoIncrementPrimaryKey: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
    isUnavailable: isPostgresUnavailable,
  };
}
