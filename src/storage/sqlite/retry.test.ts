import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { StorageUnavailable } from '../errors.js';
import { openEngine } from '../open.js';
import { sqliteEngine } from './index.js';

async function openWithHolder(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-retry-'));
  const path = join(dir, 'canvass.db');
  const storage = await openEngine(sqliteEngine({ path }));
  // A second connection stands for another process: SQLite's locks are per connection.
  const holder = new BetterSqlite3(path);
  t.after(async () => {
    holder.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const version = await storage.registerVersion({
    survey: 's',
    hash: 'h',
    definition: JSON.stringify({ title: 'S', questions: [{ text: 'Q' }] }),
    at: new Date(),
  });
  const begin = () =>
    storage.createResponse({ survey: 's', versionId: version.id, startedAt: new Date() });
  return { holder, begin };
}

test('a write that meets a lock released a moment later waits for it and succeeds', async (t) => {
  const { holder, begin } = await openWithHolder(t);
  holder.exec('begin exclusive');
  const writing = begin();
  setTimeout(() => holder.exec('rollback'), 200);
  assert.equal(typeof (await writing), 'number');
});

test('a write that meets a lock held past the wait is StorageUnavailable, and the next one after it is released succeeds', async (t) => {
  const { holder, begin } = await openWithHolder(t);
  holder.exec('begin exclusive');
  await assert.rejects(begin(), StorageUnavailable);
  holder.exec('rollback');
  assert.equal(typeof (await begin()), 'number');
});
