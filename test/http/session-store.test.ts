import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildApp } from '../../src/http/index.js';
import { createRedisSessionStore, createSessionManager } from '../../src/session/index.js';
import { openStorage } from '../../src/storage/index.js';
import { sampleSurveys, TEST_SECRET } from '../support/app.js';
import { Browser, injectTransport } from '../support/browser.js';
import { begin } from '../support/flow.js';
import { requireRedis, startThrowawayRedis } from '../support/redis.js';

/**
 * "Nothing lost once it is back", shown the honest way: the private Redis persists to an
 * append-only file, so what was stored before it stopped is there after the restart, and the
 * requests made while it was down were refused before they could change anything.
 */
test('with Redis stopped, requests get a clear 503 and change nothing; once it is back the respondent carries on', async (t) => {
  if (!(await requireRedis(t))) return;
  const redis = await startThrowawayRedis();
  const dir = mkdtempSync(join(tmpdir(), 'canvass-store-'));
  const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
  const store = createRedisSessionStore(redis.url);
  await store.connect();
  const sessions = createSessionManager({ secrets: [TEST_SECRET], store });
  const app = await buildApp({ surveys: await sampleSurveys(), storage, sessions });
  t.after(async () => {
    await app.close();
    await store.close();
    await storage.close();
    await redis.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const transport = injectTransport(app);
  const browser = new Browser(transport);
  await begin(browser, 'satisfaction');
  assert.ok(((await browser.sessionCookie()) ?? '').length < 200, 'the cookie is an id');
  assert.equal((await browser.get('/surveys/satisfaction/questions/0')).status, 200);
  assert.equal(
    (await browser.post('/surveys/satisfaction/questions/0', { answer: 'Yes' })).status,
    303,
  );

  await redis.stop();
  const page = await browser.get('/surveys/satisfaction/questions/1');
  assert.equal(page.status, 503);
  assert.match(page.body, /Temporarily unavailable/);
  const post = await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' });
  assert.equal(post.status, 503);
  const [response] = await storage.listResponses('satisfaction');
  assert.equal(response?.answers.length, 1, 'nothing was recorded while the store was down');

  await redis.start();
  let back = await browser.get('/surveys/satisfaction/questions/1');
  for (let i = 0; i < 50 && back.status === 503; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    back = await browser.get('/surveys/satisfaction/questions/1');
  }
  assert.equal(back.status, 200, 'the session (progress: one answer) survived the outage');
  const next = await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' });
  assert.equal(next.status, 303);
  const [after] = await storage.listResponses('satisfaction');
  assert.deepEqual(
    after?.answers.map((a) => a.answer),
    ['Yes', 'No'],
  );
});
