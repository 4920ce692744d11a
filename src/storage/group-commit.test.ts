import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from './kysely.js';
import { GroupCommit } from './group-commit.js';
import type { Executor } from './precompiled.js';

interface Db {
  t: { id: number; v: string };
}

function database() {
  const raw = new BetterSqlite3(':memory:');
  raw.exec('create table t (id integer primary key, v text not null)');
  const begins: string[] = [];
  const prepare = raw.prepare.bind(raw);
  raw.prepare = (text: string) => {
    if (text.startsWith('begin')) begins.push(text);
    return prepare(text);
  };
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: raw }) });
  /** An operation inserting one row, as the repository's run on the connection they get. */
  const insert = (id: number, v: string) => (connection: Executor) =>
    connection.executeQuery(db.insertInto('t').values({ id, v }).compile());
  const count = async (connection: Executor) => {
    const query = db.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n'));
    const { rows } = await connection.executeQuery(query.compile());
    const row = rows[0];
    if (row === undefined) throw new Error('count gave no row');
    return row;
  };
  return { db, raw, begins, insert, count };
}

test('writes arriving together share one transaction, in arrival order', async () => {
  const { db, raw, begins, insert } = database();
  const group = new GroupCommit(db, () => false);
  const seen: boolean[] = [];
  const results = await Promise.all(
    ['a', 'b', 'c', 'd'].map((v, id) =>
      group.run('write', async (connection) => {
        seen.push(raw.inTransaction);
        await insert(id, v)(connection);
        return v.toUpperCase();
      }),
    ),
  );
  assert.deepEqual(results, ['A', 'B', 'C', 'D']);
  assert.deepEqual(begins, ['begin immediate']);
  assert.deepEqual(seen, [true, true, true, true]);
  assert.deepEqual(
    (await db.selectFrom('t').select('v').orderBy('id').execute()).map((r) => r.v),
    ['a', 'b', 'c', 'd'],
  );
  await db.destroy();
});

test('a write that fails with a bug fails alone; its neighbours are stored', async () => {
  const { db, insert } = database();
  const group = new GroupCommit(db, () => false);
  const outcomes = await Promise.allSettled([
    group.run('write', insert(1, 'kept')),
    group.run('write', (connection) =>
      connection.executeQuery(sql`select * from no_such_table`.compile(db)),
    ),
    group.run('write', insert(2, 'kept too')),
  ]);
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.equal((await db.selectFrom('t').selectAll().execute()).length, 2);
  await db.destroy();
});

test('when the database is unavailable every write of the batch fails and none is stored', async () => {
  const { db, insert } = database();
  const unavailable = new Error('database is locked');
  const group = new GroupCommit(db, (error) => error === unavailable);
  const outcomes = await Promise.allSettled([
    group.run('write', insert(1, 'x')),
    group.run('write', () => Promise.reject(unavailable)),
  ]);
  assert.deepEqual(
    outcomes.map((o): unknown => (o.status === 'rejected' ? o.reason : 'stored')),
    [unavailable, unavailable],
  );
  assert.equal((await db.selectFrom('t').selectAll().execute()).length, 0);
  await db.destroy();
});

test('writes that come while a batch commits go in the next one', async () => {
  const { db, insert } = database();
  const group = new GroupCommit(db, () => false);
  const first = group.run('write', insert(1, 'a'));
  await new Promise((resolve) => setImmediate(resolve));
  const second = group.run('write', insert(2, 'b'));
  await Promise.all([first, second]);
  assert.equal((await db.selectFrom('t').selectAll().execute()).length, 2);
  await db.destroy();
});

test('reads alone share a deferred transaction; a read after a write sees it', async () => {
  const { db, begins, insert, count } = database();
  const group = new GroupCommit(db, () => false);
  const [a, b] = await Promise.all([group.run('read', count), group.run('read', count)]);
  assert.deepEqual([a.n, b.n], [0, 0]);
  const [, after] = await Promise.all([
    group.run('write', insert(1, 'x')),
    group.run('read', count),
  ]);
  assert.equal(after.n, 1);
  assert.deepEqual(begins, ['begin', 'begin immediate']);
  await db.destroy();
});

test('an operation may answer at once: it shares the batch and sees the writes before it', async () => {
  const { db, raw, begins, insert } = database();
  const group = new GroupCommit(db, () => false);
  const countNow = () => raw.prepare('select count(*) from t').pluck().get() as number;
  const [, seen, failed] = await Promise.allSettled([
    group.run('write', insert(1, 'x')),
    group.run('read', countNow),
    group.run('read', () => {
      throw new Error('a bug in a synchronous read');
    }),
  ]);
  assert.deepEqual(seen, { status: 'fulfilled', value: 1 });
  assert.equal(failed.status, 'rejected');
  // The batch failed on the bug, and each operation was retried alone; the write stands.
  assert.equal(countNow(), 1);
  assert.equal(begins[0], 'begin immediate');
  await db.destroy();
});
