/**
 * Kysely's runtime values, from its CommonJS build: every module of Canvass takes them from
 * here (types may still come from `kysely`; eslint.config.js enforces both). Kysely's ES module
 * build is some 260 files, and Node keeps more for each ES module than for a CommonJS one
 * (its module record, job and link state): loaded this way, a server's RSS is ~4 MB smaller
 * (docs/performance.md, "Memory"). Both builds are the same code.
 */
import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';

const kysely = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

export const {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
} = kysely;

export type CompiledQuery<O = unknown> = KyselyModule.CompiledQuery<O>;
export type Kysely<DB> = KyselyModule.Kysely<DB>;
export type PostgresDialect = KyselyModule.PostgresDialect;
export type SqliteDialect = KyselyModule.SqliteDialect;
