import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { GroupCommit } from './group-commit.js';

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
  return { db, raw, begins };
}

test('writes arriving together share one transaction, in arrival order', async () => {
  const { db, raw, begins } = database();
  const group = new GroupCommit(db, () => false);
  const seen: boolean[] = [];
  const results = await Promise.all(
    ['a', 'b', 'c', 'd'].map((v, id) =>
      group.run('write', async (trx) => {
        seen.push(raw.inTransaction);
        await trx.insertInto('t').values({ id, v }).execute();
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
  const { db } = database();
  const group = new GroupCommit(db, () => false);
  const outcomes = await Promise.allSettled([
    group.run('write', (trx) => trx.insertInto('t').values({ id: 1, v: 'kept' }).execute()),
    group.run('write', (trx) => sql`select * from no_such_table`.execute(trx)),
    group.run('write', (trx) => trx.insertInto('t').values({ id: 2, v: 'kept too' }).execute()),
  ]);
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.equal((await db.selectFrom('t').selectAll().execute()).length, 2);
  await db.destroy();
});

test('when the database is unavailable every write of the batch fails and none is stored', async () => {
  const { db } = database();
  const unavailable = new Error('database is locked');
  const group = new GroupCommit(db, (error) => error === unavailable);
  const outcomes = await Promise.allSettled([
    group.run('write', (trx) => trx.insertInto('t').values({ id: 1, v: 'x' }).execute()),
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
  const { db } = database();
  const group = new GroupCommit(db, () => false);
  const first = group.run('write', (trx) =>
    trx.insertInto('t').values({ id: 1, v: 'a' }).execute(),
  );
  await new Promise((resolve) => setImmediate(resolve));
  const second = group.run('write', (trx) =>
    trx.insertInto('t').values({ id: 2, v: 'b' }).execute(),
  );
  await Promise.all([first, second]);
  assert.equal((await db.selectFrom('t').selectAll().execute()).length, 2);
  await db.destroy();
});

test('reads alone share a deferred transaction; a read after a write sees it', async () => {
  const { db, begins } = database();
  const group = new GroupCommit(db, () => false);
  const count = (trx: Kysely<Db>) =>
    trx
      .selectFrom('t')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
  const [a, b] = await Promise.all([group.run('read', count), group.run('read', count)]);
  assert.deepEqual([a.n, b.n], [0, 0]);
  const [, after] = await Promise.all([
    group.run('write', (trx) => trx.insertInto('t').values({ id: 1, v: 'x' }).execute()),
    group.run('read', count),
  ]);
  assert.equal(after.n, 1);
  assert.deepEqual(begins, ['begin', 'begin immediate']);
  await db.destroy();
});
