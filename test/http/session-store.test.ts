import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { Redis } from 'ioredis';
import { buildApp, CSRF_SESSION_KEY } from '../../src/http/index.js';
import { createRedisSessionStore, createSessionManager, SessionCodec } from '@canvass/session';
import { openStorage } from '../../src/storage/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { sampleSurveys, TEST_SECRET } from '../support/app.js';
import { Browser, injectTransport } from '../support/browser.js';
import { answerAll, begin } from '../support/flow.js';
import { requireRedis, startThrowawayRedis } from '../support/redis.js';

/** An app whose sessions live in a private Redis, as `canvass serve` builds it. */
async function storeApp(t: TestContext, options: { adminPassword?: string } = {}) {
  const redis = await startThrowawayRedis();
  const dir = mkdtempSync(join(tmpdir(), 'canvass-store-'));
  const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
  // Shorter than the default two seconds, so a hung Redis costs the test a second a request;
  // not much shorter: under a full suite on two cores a healthy Redis has answered past 300 ms
  // (twice a 503 just after recovery, where the test expects service).
  const store = createRedisSessionStore(redis.url, { commandTimeoutMs: 1000 });
  await store.connect();
  const sessions = createSessionManager({
    secrets: [TEST_SECRET],
    store,
    cookieKeys: [CSRF_SESSION_KEY],
  });
  const app = await buildApp({
    surveys: await sampleSurveys(),
    storage,
    sessions,
    health: { redis: () => store.ping() },
    ...options,
  });
  const client = new Redis(redis.url);
  // The test stops this Redis on purpose; the client's reconnect errors are expected.
  client.on('error', () => undefined);
  t.after(async () => {
    redis.resume();
    client.disconnect();
    await app.close();
    await store.close();
    await storage.close();
    await redis.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return { redis, storage, app, client, browser: () => new Browser(injectTransport(app)) };
}

async function waitForStatus(browser: Browser, path: string, status: number) {
  let response = await browser.get(path);
  for (let i = 0; i < 100 && response.status !== status; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    response = await browser.get(path);
  }
  return response;
}

/**
 * "Nothing lost once it is back", shown the honest way: the private Redis persists to an
 * append-only file, so what was stored before it stopped is there after the restart, and the
 * requests made while it was down were refused before they could change anything.
 */
test('with Redis stopped, requests get a clear 503 and change nothing; once it is back the respondent carries on', async (t) => {
  if (!(await requireRedis(t))) return;
  const { redis, storage, browser: open } = await storeApp(t);
  const browser = open();
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
  const back = await waitForStatus(browser, '/surveys/satisfaction/questions/1', 200);
  assert.equal(back.status, 200, 'the session (progress: one answer) survived the outage');
  const next = await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' });
  assert.equal(next.status, 303);
  const [after] = await storage.listResponses('satisfaction');
  assert.deepEqual(
    after?.answers.map((a) => a.answer),
    ['Yes', 'No'],
  );
});

// Issue 18: with Redis SIGSTOPped every request hung for 120 s with no answer.
test(
  'with Redis hung (SIGSTOP), requests get the 503 page instead of hanging, and service resumes by itself after SIGCONT',
  {
    timeout: 30_000,
  },
  async (t) => {
    if (!(await requireRedis(t))) return;
    const { redis, storage, browser: open } = await storeApp(t);
    const browser = open();
    await begin(browser, 'satisfaction');
    assert.equal(
      (await browser.post('/surveys/satisfaction/questions/0', { answer: 'Yes' })).status,
      303,
    );

    redis.pause();
    const page = await browser.get('/surveys/satisfaction/questions/1');
    assert.equal(page.status, 503);
    assert.match(page.body, /Temporarily unavailable/);
    const post = await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' });
    assert.equal(post.status, 503);
    const health = await browser.get('/healthz');
    assert.equal(health.status, 503);
    assert.deepEqual(JSON.parse(health.body), { status: 'unavailable', down: ['redis'] });

    redis.resume();
    const back = await waitForStatus(browser, '/surveys/satisfaction/questions/1', 200);
    assert.equal(back.status, 200);
    await answerAll(browser, 'satisfaction', ['No', 'Less than $10,000', 'Yes'], 1);
    const [stored] = await storage.listResponses('satisfaction');
    assert.deepEqual(
      stored?.answers.map((a) => a.answer),
      ['Yes', 'No', 'Less than $10,000', 'Yes'],
    );
  },
);

// Issue 18: /healthz said 200 while Redis, the session store, was down.
test('/healthz names Redis when the session store is down, and says ok again once it is back', async (t) => {
  if (!(await requireRedis(t))) return;
  const { redis, browser: open } = await storeApp(t);
  const browser = open();
  const ok = await browser.get('/healthz');
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.body), { status: 'ok' });

  await redis.stop();
  const down = await browser.get('/healthz');
  assert.equal(down.status, 503);
  assert.equal(down.headers['cache-control'], 'no-store');
  assert.deepEqual(JSON.parse(down.body), { status: 'unavailable', down: ['redis'] });

  await redis.start();
  const back = await waitForStatus(browser, '/healthz', 200);
  assert.deepEqual(JSON.parse(back.body), { status: 'ok' });
});

// Issue 18: every cookieless page view wrote a 30-day session into Redis (140,000 a minute).
test('cookieless page views store no session in Redis, and a respondent who begins still finishes', async (t) => {
  if (!(await requireRedis(t))) return;
  const { app, client, storage, browser: open } = await storeApp(t);
  for (let i = 0; i < 20; i++) {
    for (const url of ['/', '/surveys/satisfaction', '/admin/login']) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 200, url);
    }
  }
  assert.equal(await client.dbsize(), 0, 'no page view stored a session');

  // The start page's form still works: its token travels in the cookie until `begin`.
  const browser = open();
  await begin(browser, 'satisfaction');
  assert.equal(await client.dbsize(), 1, 'begin stores the one session');
  await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  const done = await browser.get('/surveys/satisfaction/complete');
  assert.equal(done.status, 200);
  assert.match(done.body, /Less than \$10,000/);
  const [stored] = await storage.listResponses('satisfaction');
  assert.equal(stored?.answers.length, 4);
  assert.notEqual(stored.completedAt, null);
});

// Issue 18: a cookie carrying the session itself was still accepted with a store configured.
test('with a store, a cookie that carries session data (cookie mode) is not accepted', async (t) => {
  if (!(await requireRedis(t))) return;
  const { storage, browser: open } = await storeApp(t);
  await begin(open(), 'satisfaction');
  const [response] = await storage.listResponses('satisfaction');
  assert.ok(response?.versionId);
  // A cookie-mode session signed with the same key, holding progress in that response.
  const data = { progress: { satisfaction: [response.id, 0, response.versionId] }, csrf: 'x' };
  const cookie = new SessionCodec([TEST_SECRET]).encode(
    JSON.stringify(data),
    Math.floor(Date.now() / 1000),
  );
  const page = await open().get('/surveys/satisfaction/questions/0', {
    cookie: `session=${cookie}`,
  });
  assert.equal(page.status, 302, 'no progress: sent to the start page');
  assert.equal(page.location, '/surveys/satisfaction');
});

// Issue 18: page views filled Redis up to `maxmemory`, after which respondents and the admin
// got 503. Redis is given room for little more than what it holds now, then flooded.
test('a flood of cookieless page views cannot fill a Redis with little room left: respondents and the admin still get in', async (t) => {
  if (!(await requireRedis(t))) return;
  const { app, client, browser: open } = await storeApp(t, { adminPassword: ADMIN_PASSWORD });
  const used = Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
  assert.ok(used > 0);
  await client.config('SET', 'maxmemory-policy', 'noeviction');
  await client.config('SET', 'maxmemory', String(used + 256 * 1024));
  for (let i = 0; i < 2000; i++) {
    const response = await app.inject({
      url: i % 2 === 0 ? '/surveys/satisfaction' : '/admin/login',
    });
    assert.equal(response.statusCode, 200, `page view ${i}`);
  }
  const respondent = open();
  await begin(respondent, 'satisfaction');
  await answerAll(respondent, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  assert.equal((await respondent.get('/surveys/satisfaction/complete')).status, 200);
  const owner = open();
  await logInAsAdmin(owner);
  assert.equal((await owner.get('/admin')).status, 200);
});
