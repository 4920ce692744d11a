import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { isSqliteUnavailable } from './errors.js';
import { SqliteReaders, type ReaderOptions } from './readers.js';

const CRASHING = new URL('../../../test/support/crashing-reader.mjs', import.meta.url);

/** A database file in WAL mode with rows (id, v) 1..10, its main connection, and readers. */
function setUp(t: TestContext, options: ReaderOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-readers-'));
  const path = join(dir, 'canvass.db');
  const main = new BetterSqlite3(path);
  main.pragma('journal_mode = WAL');
  main.exec('create table t (id integer primary key, v text not null)');
  const insert = main.prepare('insert into t (id, v) values (?, ?)');
  for (let id = 1; id <= 10; id++) insert.run(id, `v${String(id)}`);
  const readers = new SqliteReaders(path, { size: 2, ...options });
  t.after(async () => {
    await readers.close();
    main.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, path, main, readers };
}

test('a reader answers with the rows, a map bound as a blob read at each row', async (t) => {
  const { readers } = setUp(t);
  const map = new Uint8Array(10);
  for (const id of [2, 3, 7]) map[id - 1] = 1;
  assert.deepEqual(
    await readers.query("select id, v from t where substr(?, id, 1) = x'01' order by id", [map]),
    [
      { id: 2, v: 'v2' },
      { id: 3, v: 'v3' },
      { id: 7, v: 'v7' },
    ],
  );
});

test('queries sent at once each get their own rows back, over every thread', async (t) => {
  const { readers } = setUp(t);
  const ids = Array.from({ length: 40 }, (_, i) => (i % 10) + 1);
  const rows = await Promise.all(
    ids.map((id) => readers.query('select v from t where id = ?', [id])),
  );
  assert.deepEqual(
    rows,
    ids.map((id) => [{ v: `v${String(id)}` }]),
  );
});

test('readers see what the main connection committed, not what it has not yet', async (t) => {
  const { main, readers } = setUp(t);
  main.exec('begin immediate');
  main.prepare('insert into t (id, v) values (11, ?)').run('v11');
  assert.deepEqual(await readers.query('select count(*) as n from t', []), [{ n: 10 }]);
  main.exec('commit');
  assert.deepEqual(await readers.query('select count(*) as n from t', []), [{ n: 11 }]);
});

test("a query's own error comes back as it was, and the reader goes on", async (t) => {
  const { readers } = setUp(t, { size: 1 });
  await assert.rejects(readers.query('select nope from t', []), (error: unknown) => {
    assert.match(String(error), /no such column: nope/);
    assert.equal((error as { code?: unknown }).code, 'SQLITE_ERROR');
    assert.equal(isSqliteUnavailable(error), false);
    return true;
  });
  assert.deepEqual(await readers.query('select count(*) as n from t', []), [{ n: 10 }]);
});

test('a statement that writes is refused, and nothing is written', async (t) => {
  const { main, readers } = setUp(t, { size: 1 });
  await assert.rejects(
    readers.query("insert into t (id, v) values (12, 'no')", []),
    /return rows only/,
  );
  await assert.rejects(
    readers.query("insert into t (id, v) values (12, 'no') returning id", []),
    (error: unknown) => String((error as { code?: unknown }).code).startsWith('SQLITE_READONLY'),
  );
  assert.deepEqual(main.prepare('select count(*) as n from t').get(), { n: 10 });
});

test('a file that is missing is unavailable, and is read once it is there', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-readers-'));
  const path = join(dir, 'canvass.db');
  const readers = new SqliteReaders(path, { size: 1 });
  t.after(async () => {
    await readers.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await assert.rejects(readers.query('select 1 as one', []), (error: unknown) =>
    isSqliteUnavailable(error),
  );
  new BetterSqlite3(path).close();
  assert.deepEqual(await readers.query('select 1 as one', []), [{ one: 1 }]);
});

test('a thread that stops fails its queries as unavailable; the next runs on a new one', async (t) => {
  const { readers } = setUp(t, { size: 1, entry: CRASHING });
  assert.deepEqual(await readers.query('select count(*) as n from t', []), [{ n: 10 }]);
  const sent = [readers.query('crash', []), readers.query('select count(*) as n from t', [])];
  for (const query of sent) {
    await assert.rejects(query, (error: unknown) => isSqliteUnavailable(error));
  }
  assert.deepEqual(await readers.query('select count(*) as n from t', []), [{ n: 10 }]);
});

test('closed readers refuse queries', async (t) => {
  const { readers } = setUp(t);
  assert.deepEqual(await readers.query('select 1 as one', []), [{ one: 1 }]);
  await readers.close();
  await assert.rejects(readers.query('select 1 as one', []), /closed/);
});

test('a reader idle for a while ends; the next query starts another', async (t) => {
  const { readers } = setUp(t, { idleMs: 50 });
  assert.deepEqual(await readers.query('select count(*) as n from t', []), [{ n: 10 }]);
  assert.equal(readers.running, 1);
  const running = () => readers.running;
  for (let waited = 0; running() > 0 && waited < 5000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.equal(readers.running, 0);
  assert.deepEqual(await readers.query('select count(*) as n from t', []), [{ n: 10 }]);
  assert.equal(readers.running, 1);
});
