import { Kysely } from 'kysely';
import type { Storage } from './contract.js';
import type { Engine } from './engine.js';
import { StorageUnavailable } from './errors.js';
import { migrateToLatest } from './migrations.js';
import { postgresEngine } from './postgres/index.js';
import { createRepository } from './repository.js';
import { sqliteEngine } from './sqlite/index.js';
import type { Database } from './schema.js';
import { parseDatabaseUrl } from './url.js';

/**
 * Opens the database named by `url` (`sqlite:PATH` or `postgres://…`) and brings its
 * schema up to date. Rejects with a plain `Error` for a malformed or unsupported URL and
 * with `StorageUnavailable` when the database cannot be opened or written.
 */
export async function openStorage(url: string): Promise<Storage> {
  const location = parseDatabaseUrl(url);
  switch (location.kind) {
    case 'sqlite':
      return openEngine(sqliteEngine({ path: location.path }));
    case 'postgres':
      return openEngine(postgresEngine({ url: location.url }));
  }
}

/** Migrates then wraps an engine; the seam tests use to open an engine with extra options. */
export async function openEngine(engine: Engine): Promise<Storage> {
  const db = new Kysely<Database>({ dialect: engine.dialect });
  try {
    // Migrations see an untyped database: they describe how the schema got here.
    await migrateToLatest(db as Kysely<unknown>, engine);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (engine.isUnavailable(error)) throw new StorageUnavailable('migration', { cause: error });
    throw error;
  }
  return createRepository(db, engine);
}
