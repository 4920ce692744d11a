import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { cachingDatabase } from './statements.js';

test('prepares each distinct SQL text once and reuses the statement', () => {
  const raw = new BetterSqlite3(':memory:');
  let prepared = 0;
  const prepare = raw.prepare.bind(raw);
  raw.prepare = (sql: string) => {
    prepared++;
    return prepare(sql);
  };
  const db = cachingDatabase(raw);
  db.prepare('create table t (v integer)').run([]);
  for (let i = 0; i < 5; i++) db.prepare('insert into t (v) values (?)').run([i]);
  assert.deepEqual(db.prepare('select sum(v) as s from t').all([]), [{ s: 10 }]);
  assert.equal(prepared, 3);
  db.close();
});

test('a statement still iterating is not handed out again', () => {
  const db = cachingDatabase(new BetterSqlite3(':memory:'));
  db.prepare('create table t (v integer)').run([]);
  for (let i = 0; i < 3; i++) db.prepare('insert into t (v) values (?)').run([i]);
  const outer = db.prepare('select v from t order by v').iterate([]);
  const seen: unknown[] = [];
  for (const row of outer)
    seen.push([row, db.prepare('select v from t order by v').all([]).length]);
  assert.deepEqual(seen, [
    [{ v: 0 }, 3],
    [{ v: 1 }, 3],
    [{ v: 2 }, 3],
  ]);
  db.close();
});

test('reads one value at once, apart from the statements Kysely is handed', () => {
  const db = cachingDatabase(new BetterSqlite3(':memory:'));
  db.prepare('create table t (k text, v integer)').run([]);
  db.prepare('insert into t (k, v) values (?, ?)').run(['a', 1]);
  db.prepare('insert into t (k, v) values (?, ?)').run(['b', 2]);
  const text = 'select v, k from t where k = ?';
  assert.equal(db.value(text, ['b']), 2);
  assert.equal(db.value(text, ['none']), undefined);
  assert.equal(db.value('select count(*) from t where v > ?', [0]), 2);
  // The same text through `prepare` still gives whole rows.
  assert.deepEqual(db.prepare(text).all(['a']), [{ v: 1, k: 'a' }]);
  assert.equal(db.value(text, ['a']), 1);
  db.close();
});
