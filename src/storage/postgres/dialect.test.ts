import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Kysely, sql } from '../kysely.js';
import { ownDatabase } from '../../../test/support/postgres-faults.js';
import { createPostgresDialect, type PostgresOptions } from './dialect.js';
import { isPostgresUnavailable } from './errors.js';

async function connect(t: TestContext, options: Omit<PostgresOptions, 'url'> = {}, query = '') {
  const database = await ownDatabase(t);
  if (database === undefined) return undefined;
  const db = new Kysely<unknown>({
    dialect: createPostgresDialect({ url: database.url + query, ...options }),
  });
  t.after(() => db.destroy());
  return db;
}

async function show(
  db: Kysely<unknown>,
  name: 'statement_timeout' | 'lock_timeout' | 'max_parallel_workers_per_gather',
) {
  const { rows } = await sql<{ value: string }>`select current_setting(${name}) as value`.execute(
    db,
  );
  return rows[0]?.value;
}

test('every pooled connection starts with the default statement and lock timeouts', async (t) => {
  const db = await connect(t);
  if (db === undefined) return;
  assert.equal(await show(db, 'statement_timeout'), '5s');
  assert.equal(await show(db, 'lock_timeout'), '2s');
  // One process per query (decision 0028).
  assert.equal(await show(db, 'max_parallel_workers_per_gather'), '0');
});

test('parallel workers in the URL’s options win over the default', async (t) => {
  const db = await connect(t, {}, '?options=-c%20max_parallel_workers_per_gather%3D2');
  if (db === undefined) return;
  assert.equal(await show(db, 'max_parallel_workers_per_gather'), '2');
});

test('a statement_timeout in the URL’s options wins over the default', async (t) => {
  const db = await connect(t, {}, '?options=-c%20statement_timeout%3D30s');
  if (db === undefined) return;
  assert.equal(await show(db, 'statement_timeout'), '30s');
  assert.equal(await show(db, 'lock_timeout'), '2s');
});

test('a statement that outlives statement_timeout is cancelled and counts as unavailable', async (t) => {
  const db = await connect(t, { timeouts: { statementMs: 100 } });
  if (db === undefined) return;
  const error: unknown = await sql`select pg_sleep(5)`.execute(db).then(
    () => assert.fail('pg_sleep(5) finished'),
    (e: unknown) => e,
  );
  assert.equal((error as { code?: string }).code, '57014');
  assert.ok(isPostgresUnavailable(error));
});
