/**
 * Issue 17 item 5, the database in the way: on PostgreSQL a token table locked by another
 * session makes the API answer a 503 problem document (not a hang, not a 500) and resume once
 * it is released; on SQLite a write lock held elsewhere leaves reads answering, and only the
 * "last used" note waits for the next request. On the test engine.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { apiGet, makeToken, problemCode } from '../support/api.js';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/app.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

async function withToken(): Promise<{ app: TestApp; token: string }> {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  const admin = t.browser();
  await logInAsAdmin(admin);
  return { app: t, token: await makeToken(admin, 'warehouse') };
}

if (TEST_ENGINE === 'postgres') {
  test('a token table locked by another session: 503 problem document, then service resumes', async (c) => {
    const { app, token } = await withToken();
    const holder = new pg.Client({ connectionString: app.databaseUrl });
    // Dropping the database at the end ends this session too; that is no failure of the test.
    holder.on('error', () => undefined);
    await holder.connect();
    c.after(() => holder.end());
    await holder.query('begin');
    await holder.query('lock table api_tokens in access exclusive mode');
    const locked = await apiGet(app, '/api/v1/surveys', token);
    assert.equal(problemCode(locked, 503), 'unavailable');
    assert.equal(locked.headers['retry-after'], '5');
    await holder.query('rollback');
    assert.equal((await apiGet(app, '/api/v1/surveys', token)).status, 200);
  });
} else {
  test('a SQLite write lock held elsewhere: the API still answers, and notes the use once it can', async () => {
    const { app, token } = await withToken();
    const holder = new BetterSqlite3(join(app.dir, 'canvass.db'));
    try {
      holder.exec('begin exclusive');
      const answer = await apiGet(app, '/api/v1/surveys', token);
      assert.equal(answer.status, 200);
      holder.exec('rollback');
      const [unnoted] = await app.storage.listApiTokens();
      assert.equal(unnoted?.lastUsedAt, null);
      assert.equal((await apiGet(app, '/api/v1/surveys', token)).status, 200);
      const [noted] = await app.storage.listApiTokens();
      assert.ok(noted?.lastUsedAt instanceof Date);
    } finally {
      holder.close();
    }
  });
}
