import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import pg from 'pg';

/**
 * The PostgreSQL the tests use: a server on 127.0.0.1:5432 (user postgres, trust auth) with a
 * `test` database to connect to while creating and dropping each run's own database.
 * `CANVASS_TEST_POSTGRES` points elsewhere.
 */
export const POSTGRES_ADMIN_URL =
  process.env.CANVASS_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database created for one test (or one benchmark run); `drop` removes it for good. */
export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Why PostgreSQL tests cannot run, or undefined when they can. In CI (`CI=true`) a missing
 * server is a failure, not a skip: callers throw this reason instead of skipping.
 */
export async function postgresUnavailableReason(): Promise<string | undefined> {
  try {
    await admin((client) => client.query('select 1'));
    return undefined;
  } catch (error) {
    return `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}: ${(error as Error).message}`;
  }
}

/**
 * Creates `canvass_test_<random>` (a copy of `template` when given); identifiers are generated
 * here, never taken from input.
 */
export async function createTestDatabase(
  prefix = 'canvass_test',
  template?: string,
): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const from = template === undefined ? '' : ` template ${template}`;
  await admin((client) => client.query(`create database ${name}${from}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      // FORCE ends connections a failed test left open (PostgreSQL 13+).
      await admin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

let template: Promise<TestDatabase> | undefined;

/**
 * A database for one test app, its migrations already applied: a copy (`CREATE DATABASE …
 * TEMPLATE`) of one this process migrated once, dropped when it exits. speed: a
 * database created and migrated for each app took ~270 ms of both processes' CPU, a copy ~110.
 */
export async function createMigratedDatabase(
  migrate: (url: string) => Promise<void>,
): Promise<TestDatabase> {
  return createTestDatabase('canvass_test', (await migratedTemplate(migrate)).name);
}

/** The database `createMigratedDatabase` copies: migrated once by this process. */
export function migratedTemplate(migrate: (url: string) => Promise<void>): Promise<TestDatabase> {
  template ??= (async () => {
    const made = await createTemplateDatabase();
    // Its own connections are closed once migrated: a template must have none to be copied.
    await migrate(made.url);
    return made;
  })();
  return template;
}

/**
 * A database like {@link createTestDatabase}'s (a copy of `template` when given), dropped when
 * this process exits rather than by the caller: a template for the tests of this process,
 * which must leave no connection open to it (a database with one cannot be copied).
 */
export async function createTemplateDatabase(template?: string): Promise<TestDatabase> {
  const made = await createTestDatabase('canvass_template', template);
  // Dropped as the process exits, when nothing asynchronous runs any more: by a process of
  // its own, waited for (no test hook: one registered inside a test runs when that test ends).
  process.once('exit', () => {
    const drop = `drop database if exists ${made.name} with (force)`;
    spawnSync(process.execPath, ['--input-type=module', '-e', dropScript(drop)], {
      stdio: 'inherit',
    });
  });
  return made;
}

/** A script for `node -e` that runs `statement` on the admin database with pg. */
function dropScript(statement: string): string {
  const pgUrl = import.meta.resolve('pg');
  return `import pg from ${JSON.stringify(pgUrl)};
    const client = new pg.Client({ connectionString: ${JSON.stringify(POSTGRES_ADMIN_URL)} });
    await client.connect();
    await client.query(${JSON.stringify(statement)});
    await client.end();`;
}

/** Runs one SQL statement against a test database (for setting up legacy rows). */
export async function executeOn(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
