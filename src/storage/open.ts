import { existsSync } from 'node:fs';
import { Kysely } from './kysely.js';
import type { Storage } from './contract.js';
import type { Engine } from './engine.js';
import { DatabaseNotFound, StorageUnavailable } from './errors.js';
import { migrateToLatest } from './migrations.js';
import { postgresEngine } from './postgres/index.js';
import { createRepository } from './repository.js';
import { sqliteEngine } from './sqlite/index.js';
import type { Database } from './schema.js';
import { parseDatabaseUrl } from './url.js';

export interface OpenOptions {
  /**
   * Open only a database that already holds Canvass's data (`canvass export`): a missing SQLite
   * file or a database without Canvass's tables is a `DatabaseNotFound`, and nothing is created.
   */
  existing?: boolean;
}

/**
 * Opens the database named by `url` (`sqlite:PATH` or `postgres://…`) and brings its
 * schema up to date. Rejects with a plain `Error` for a malformed or unsupported URL,
 * with `StorageUnavailable` when the database cannot be opened or written, and with
 * `DatabaseNotFound` when `existing` finds none.
 */
export async function openStorage(url: string, options: OpenOptions = {}): Promise<Storage> {
  const location = parseDatabaseUrl(url);
  const existing = options.existing === true;
  switch (location.kind) {
    case 'sqlite':
      if (existing && location.path !== ':memory:' && !existsSync(location.path)) {
        throw new DatabaseNotFound(`no database at ${location.path}`);
      }
      return openEngine(sqliteEngine({ path: location.path, mustExist: existing }), options);
    case 'postgres':
      return openEngine(postgresEngine({ url: location.url }), options);
  }
}

/** Startup attempts before a database that stays unavailable stops it. */
const OPEN_ATTEMPTS = 3;

/**
 * Migrates then wraps an engine; the seam tests use to open an engine with extra options.
 * A database that is unavailable (e.g. SQLite still locked while other processes start on
 * it at once, as `--workers` does) is tried again twice, a moment apart, before startup
 * gives up.
 */
export async function openEngine(engine: Engine, options: OpenOptions = {}): Promise<Storage> {
  for (let attempt = 1; ; attempt++) {
    const db = new Kysely<Database>({ dialect: engine.dialect });
    try {
      if (options.existing === true) await requireCanvassTables(db);
      // Migrations see an untyped database: they describe how the schema got here.
      await migrateToLatest(db as Kysely<unknown>, engine);
      const reads =
        engine.readers === undefined ? db : new Kysely<Database>({ dialect: engine.readers });
      return createRepository(db, engine, reads);
    } catch (error) {
      await db.destroy().catch(() => undefined);
      if (!engine.isUnavailable(error)) throw error;
      if (attempt === OPEN_ATTEMPTS) throw new StorageUnavailable('migration', { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}

/** Canvass's first migration made `responses`; a database without it is someone else's. */
async function requireCanvassTables(db: Kysely<Database>): Promise<void> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === 'responses')) {
    throw new DatabaseNotFound('no Canvass data in this database (it has no responses table)');
  }
}
