import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { buildApp } from '../../src/http/index.js';
import { createSessionManager } from '@canvass/session';
import { openEngine } from '../../src/storage/open.js';
import { sqliteEngine } from '../../src/storage/sqlite/index.js';
import { sampleSurveys, startTestApp, TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport, injectTransport } from '../support/browser.js';
import { assertUnavailablePage, healthStatus, storedAnswers } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';

test('a SQLite database locked by another process: 503 pages that say progress is kept, /healthz 503, then the respondent carries on with every answer stored once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-fault-'));
  const file = join(dir, 'canvass.db');
  const env = cleanEnv({ SECRET_KEY: TEST_SECRET });
  const server = await startServer(['--port', '0', '--database', `sqlite:${file}`], env);
  const holder = new BetterSqlite3(file);
  t.after(async () => {
    holder.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);

  // Another process takes SQLite's write lock and keeps it past Canvass's busy timeout.
  holder.exec('begin immediate');
  assert.equal((await browser.get('/surveys/satisfaction/questions/1')).status, 200, 'reads go on');
  assertUnavailablePage(await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' }));
  assert.equal(await healthStatus(server.url), 503);
  assert.deepEqual(await storedAnswers(`sqlite:${file}`, 'satisfaction'), [[['Yes', null]]]);

  holder.exec('rollback');
  assert.equal(await healthStatus(server.url), 200);
  const last = await answerAll(browser, 'satisfaction', ['No', 'Less than $10,000', 'Yes'], 1);
  assert.equal(last.location, '/surveys/satisfaction/complete');
  assert.deepEqual(await storedAnswers(`sqlite:${file}`, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
      ['Less than $10,000', null],
      ['Yes', null],
    ],
  ]);
});

/**
 * A running server's open file stays writable whatever happens to its mode (and root ignores
 * modes anyway), so "the file became read-only" is a restart onto a database SQLite opens
 * read-only (SQLITE_OPEN_READONLY): every write is refused by SQLite itself.
 */
test('a read-only SQLite database: the answer gets the 503 page, /healthz 503, and once writable again nothing was lost or doubled', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-fault-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'canvass.db');
  const databaseUrl = `sqlite:${file}`;
  const writable = await startTestApp({ databaseUrl });
  const browser = writable.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No']);
  await writable.close();

  const storage = await openEngine(sqliteEngine({ path: file, readonly: true }));
  const sessions = createSessionManager({ secrets: [TEST_SECRET] });
  const readOnly = await buildApp({ surveys: await sampleSurveys(), storage, sessions });
  t.after(async () => {
    await readOnly.close();
    await storage.close();
  });
  const inject = injectTransport(readOnly);
  const stuck = new Browser(inject);
  for (const cookie of await browser.jar.getCookies(browser.origin)) {
    await stuck.jar.setCookie(cookie, stuck.origin);
  }
  assert.equal((await stuck.get('/surveys/satisfaction/questions/2')).status, 200);
  assertUnavailablePage(
    await stuck.post('/surveys/satisfaction/questions/2', { answer: 'Less than $10,000' }),
  );
  assert.equal((await readOnly.inject('/healthz')).statusCode, 503);
  await readOnly.close();
  await storage.close();

  const again = await startTestApp({ databaseUrl });
  t.after(() => again.close());
  const resumed = again.browser();
  for (const cookie of await stuck.jar.getCookies(stuck.origin)) {
    await resumed.jar.setCookie(cookie, resumed.origin);
  }
  assert.equal((await again.app.inject('/healthz')).statusCode, 200);
  await answerAll(resumed, 'satisfaction', ['Less than $10,000', 'Yes'], 2);
  assert.deepEqual(await storedAnswers(databaseUrl, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
      ['Less than $10,000', null],
      ['Yes', null],
    ],
  ]);
});
