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

/** Startup attempts before a database that stays unavailable stops it. */
const OPEN_ATTEMPTS = 3;

/**
 * Migrates then wraps an engine; the seam tests use to open an engine with extra options.
 * A database that is unavailable (e.g. SQLite still locked after its busy timeout while
 * other processes start on it at once, as `--workers` does) is tried again twice, a
 * moment apart, before startup gives up.
 */
export async function openEngine(engine: Engine): Promise<Storage> {
  for (let attempt = 1; ; attempt++) {
    const db = new Kysely<Database>({ dialect: engine.dialect });
    try {
      // Migrations see an untyped database: they describe how the schema got here.
      await migrateToLatest(db as Kysely<unknown>, engine);
      return createRepository(db, engine);
    } catch (error) {
      await db.destroy().catch(() => undefined);
      if (!engine.isUnavailable(error)) throw error;
      if (attempt === OPEN_ATTEMPTS) throw new StorageUnavailable('migration', { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}
