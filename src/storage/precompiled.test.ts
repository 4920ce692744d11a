import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { precompile } from './precompiled.js';

interface Db {
  t: { id: number; name: string; note: string | null };
}

function database(): Kysely<Db> {
  const raw = new BetterSqlite3(':memory:');
  raw.exec('create table t (id integer primary key, name text not null, note text)');
  return new Kysely<Db>({ dialect: new SqliteDialect({ database: raw }) });
}

test('runs the SQL compiled once with each call’s values in their places', async () => {
  const db = database();
  let built = 0;
  const insert = precompile((id: number, name: string, note: string | null) => {
    built++;
    return db.insertInto('t').values({ id, name, note });
  });
  const byName = precompile((name: string, minId: number) =>
    db.selectFrom('t').selectAll().where('name', '=', name).where('id', '>=', minId).orderBy('id'),
  );
  await insert(db, 1, 'a', null);
  await insert(db, 2, 'b', 'second');
  await insert(db, 3, 'a', 'third');
  assert.equal(built, 1);
  assert.deepEqual((await byName(db, 'a', 0)).rows, [
    { id: 1, name: 'a', note: null },
    { id: 3, name: 'a', note: 'third' },
  ]);
  assert.deepEqual((await byName(db, 'a', 2)).rows, [{ id: 3, name: 'a', note: 'third' }]);
  await db.destroy();
});

test('keeps the constant values the query itself carries', async () => {
  const db = database();
  const insert = precompile((id: number) => db.insertInto('t').values({ id, name: 'fixed' }));
  await insert(db, 7);
  assert.deepEqual(await db.selectFrom('t').selectAll().execute(), [
    { id: 7, name: 'fixed', note: null },
  ]);
  await db.destroy();
});

test('refuses a parameter that does not reach the query as a value', () => {
  const db = database();
  assert.throws(
    () => precompile((_unused: number) => db.selectFrom('t').selectAll()),
    /parameter 0 is not a value/,
  );
});
