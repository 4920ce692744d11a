import { randomBytes } from 'node:crypto';
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

/** Creates `canvass_test_<random>`; identifiers are generated here, never taken from input. */
export async function createTestDatabase(prefix = 'canvass_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
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
