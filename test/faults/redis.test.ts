import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport } from '../support/browser.js';
import {
  assertUnavailablePage,
  healthStatus,
  storedAnswers,
  waitUntil,
} from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';
import { requireRedis, startThrowawayRedis } from '../support/redis.js';

/**
 * The in-process version is test/http/session-store.test.ts; this one is the real
 * `canvass serve` process with SESSION_STORE, and checks what the respondent is told.
 */
test('the real server with its Redis session store stopped mid-survey: a 503 page saying progress is kept, and once Redis is back the respondent finishes with every answer stored once', async (t) => {
  if (!(await requireRedis(t))) return;
  const redis = await startThrowawayRedis();
  const dir = mkdtempSync(join(tmpdir(), 'canvass-fault-'));
  const database = `sqlite:${join(dir, 'canvass.db')}`;
  const env = cleanEnv({ SECRET_KEY: TEST_SECRET, SESSION_STORE: redis.url });
  const server = await startServer(['--port', '0', '--database', database], env);
  t.after(async () => {
    await server.stop();
    await redis.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);

  await redis.stop();
  assertUnavailablePage(await browser.get('/surveys/satisfaction/questions/1'));
  assertUnavailablePage(await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' }));
  assert.deepEqual(await storedAnswers(database, 'satisfaction'), [[['Yes', null]]]);

  await redis.start();
  await waitUntil(
    'the question page shows again',
    async () => (await browser.get('/surveys/satisfaction/questions/1')).status === 200,
  );
  await answerAll(browser, 'satisfaction', ['No', 'Less than $10,000', 'Yes'], 1);
  assert.equal((await browser.get('/surveys/satisfaction/complete')).status, 200);
  assert.deepEqual(await storedAnswers(database, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
      ['Less than $10,000', null],
      ['Yes', null],
    ],
  ]);
});

/**
 * Issue 18, on the real `canvass serve`: a hung Redis (SIGSTOP) left every request waiting two
 * minutes while `/healthz` said 200, and each cookieless page view stored a 30-day session.
 */
test('the real server with Redis hung: 503 pages instead of hanging, /healthz names Redis, and after SIGCONT it serves again; page views stored no session', async (t) => {
  if (!(await requireRedis(t))) return;
  const redis = await startThrowawayRedis();
  const dir = mkdtempSync(join(tmpdir(), 'canvass-fault-'));
  const database = `sqlite:${join(dir, 'canvass.db')}`;
  const env = cleanEnv({ SECRET_KEY: TEST_SECRET, SESSION_STORE: redis.url });
  const server = await startServer(['--port', '0', '--database', database], env);
  const client = new Redis(redis.url);
  t.after(async () => {
    redis.resume();
    client.disconnect();
    await server.stop();
    await redis.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  for (let i = 0; i < 10; i++) {
    for (const path of ['/', '/surveys/satisfaction', '/admin/login']) {
      const response = await fetch(new URL(path, server.url));
      await response.arrayBuffer();
      assert.equal(response.status, 200, path);
    }
  }
  assert.equal(await client.dbsize(), 0, 'no page view stored a session');
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  assert.equal(await client.dbsize(), 1);

  redis.pause();
  assertUnavailablePage(await browser.get('/surveys/satisfaction/questions/1'));
  const health = await fetch(new URL('/healthz', server.url));
  assert.equal(health.status, 503);
  assert.deepEqual(await health.json(), { status: 'unavailable', down: ['redis'] });

  redis.resume();
  await waitUntil('/healthz answers 200', async () => (await healthStatus(server.url)) === 200);
  await answerAll(browser, 'satisfaction', ['No', 'Less than $10,000', 'Yes'], 1);
  assert.equal((await browser.get('/surveys/satisfaction/complete')).status, 200);
  assert.equal((await storedAnswers(database, 'satisfaction'))[0]?.length, 4);
});
