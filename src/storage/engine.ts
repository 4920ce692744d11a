import type { ColumnDefinitionBuilder, Dialect } from 'kysely';

/**
 * Everything that differs between database engines, and nothing else. Each engine
 * folder (`sqlite/`, later `postgres/`) builds one; migrations and the repository are
 * written once against it.
 */
export interface Engine {
  readonly dialect: Dialect;
  /**
   * Makes an integer column the auto-numbered primary key. Kysely's `autoIncrement()`
   * only compiles for SQLite/MySQL; PostgreSQL needs an identity column instead.
   */
  autoIncrementPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** true when `error` means the database cannot be reached or written right now. */
  isUnavailable(error: unknown): boolean;
}
