import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from './kysely.js';
import { precompile, precompileByLength } from './precompiled.js';

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

test('by length: compiles once per length and runs each call’s values in their places', async () => {
  const db = database();
  const built: number[] = [];
  const insert = precompileByLength((length, value) => {
    built.push(length);
    return db
      .insertInto('t')
      .values(
        Array.from({ length }, (_, row) => ({ id: value(2 * row), name: value(2 * row + 1) })),
      );
  });
  const remove = precompileByLength((length, value) =>
    db.deleteFrom('t').where(
      'id',
      'in',
      Array.from({ length }, (_, i) => value(i)),
    ),
  );
  await insert(db, 2, [1, 'a', 2, 'b']);
  await insert(db, 1, [3, 'c']);
  await insert(db, 2, [4, 'd', 5, 'e']);
  assert.deepEqual(built, [2, 1]);
  await remove(db, 2, [2, 4]);
  assert.deepEqual(await db.selectFrom('t').select(['id', 'name']).orderBy('id').execute(), [
    { id: 1, name: 'a' },
    { id: 3, name: 'c' },
    { id: 5, name: 'e' },
  ]);
  await db.destroy();
});

test('by length: refuses a value that does not reach the query', async () => {
  const db = database();
  const select = precompileByLength((_length, value) =>
    db.selectFrom('t').selectAll().where('id', '=', value(1)),
  );
  await assert.rejects(async () => select(db, 1, [0, 1]), /value 0 is not a parameter/);
  await db.destroy();
});
