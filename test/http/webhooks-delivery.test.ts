/**
 * Issue 17 item 4: webhook deliveries, against a real local receiver (node:http). Completing a
 * response (the classic flow over HTTP, `recordAnswer` with items, a path page write) queues an
 * event in the completion's transaction; the worker POSTs it signed (checked here with
 * node:crypto), retries a 500 after its backoff, waits out a receiver that is down and then
 * delivers every event once and in order, times a slow receiver out, and two workers on one
 * database never send an event twice. On the test engine (`CANVASS_TEST_ENGINE=postgres`).
 * The clock is injected: retries become due when the test moves it, not after sleeps.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createWebhookWorker, type WebhookWorkerOptions } from '../../src/cli/webhook-worker.js';
import { newWebhookSecret } from '../../src/domain/index.js';
import type { Storage } from '../../src/storage/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { sampleSurveys, startTestApp, type TestApp } from '../support/app.js';
import { ABOUT, HAPPY, LAST, type Form } from '../support/engagement.js';
import { waitUntil } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { assertSigned, startReceiver, type Receiver } from '../support/receiver.js';
import { EVERY_KIND_ANSWERS, everyKind, storeResponse } from '../support/results.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const KINDS = everyKind('kinds');

async function app(databaseUrl?: string): Promise<TestApp> {
  const started = await startTestApp({
    adminPassword: ADMIN_PASSWORD,
    surveys: [...(await sampleSurveys()), KINDS],
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
  });
  cleanups.push(() => started.close());
  return started;
}

async function receiver(port?: number): Promise<Receiver> {
  const started = await startReceiver(port);
  cleanups.push(() => started.close());
  return started;
}

/** A clock the test moves, and a worker on it: backoff from 1 s, jitter's factor fixed at 1. */
function worker(storage: Storage, clock: { now: number }, options: Partial<WebhookWorkerOptions>) {
  const made = createWebhookWorker({
    storage,
    allowPrivate: true,
    now: () => clock.now,
    random: () => 1,
    backoff: { baseMs: 1000, maxMs: 60_000 },
    timeoutMs: 5000,
    ...options,
  });
  cleanups.push(() => made.stop());
  return made;
}

async function endpoint(storage: Storage, url: string, survey: string | null = null) {
  const secret = newWebhookSecret();
  const id = await storage.createWebhookEndpoint({ url, survey, secret, createdAt: new Date() });
  return { id, secret };
}

/** Completes one response of the every-kind survey through `recordAnswer`; returns its id. */
async function completeKinds(storage: Storage): Promise<number> {
  const [version] = await storage.listVersions('kinds');
  assert.ok(version !== undefined);
  return storeResponse(storage, KINDS, version.id, EVERY_KIND_ANSWERS);
}

/** Runs passes until one settles nothing; returns how many were settled in all. */
async function drain(run: { pass(): Promise<number> }): Promise<number> {
  let total = 0;
  for (let settled = -1; settled !== 0; total += settled) settled = await run.pass();
  return total;
}

const bodyOf = (r: { body: string }) =>
  JSON.parse(r.body) as { type: string; timestamp: string; data: Record<string, unknown> };

test('a completed response is POSTed, signed, with the JSON export’s own response', async () => {
  const t = await app();
  const hook = await receiver();
  const { secret } = await endpoint(t.storage, hook.url);
  const clock = { now: Date.now() + 10_000 };
  const id = await completeKinds(t.storage);
  assert.equal(await worker(t.storage, clock, {}).pass(), 1);

  assert.equal(hook.received.length, 1);
  const [request] = hook.received;
  assert.ok(request);
  assertSigned(request, secret);
  assert.equal(request.headers['content-type'], 'application/json');
  const body = bodyOf(request);
  assert.equal(body.type, 'response.completed');
  assert.equal(body.data.survey, 'kinds');
  assert.equal(body.data.version, 1);
  // The same object the owner's JSON export holds for this response.
  const admin = t.browser();
  await logInAsAdmin(admin);
  const exported = JSON.parse((await admin.get('/admin/surveys/kinds/responses.json')).body) as {
    responses: { id: number }[];
  };
  assert.deepEqual(
    body.data.response,
    exported.responses.find((r) => r.id === id),
  );
  assert.equal(await worker(t.storage, clock, {}).pass(), 0, 'nothing left to send');
});

test('the classic flow over HTTP and a path page write each queue their completion', async () => {
  const t = await app();
  const hook = await receiver();
  await endpoint(t.storage, hook.url, 'satisfaction');
  await endpoint(t.storage, hook.url, 'engagement');
  const clock = { now: Date.now() + 10_000 };
  const respondent = t.browser();
  await begin(respondent, 'satisfaction');
  await answerAll(respondent, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  // A path survey's completing page (submitPage), written as the page route writes it.
  const [engagement] = await t.storage.listVersions('engagement');
  assert.ok(engagement !== undefined);
  const responseId = await t.storage.createResponse({
    survey: 'engagement',
    versionId: engagement.id,
    startedAt: new Date(),
  });
  const written = await t.storage.submitPage({
    responseId,
    survey: 'engagement',
    revision: 0,
    remove: [],
    answers: [{ question: 0, answer: 'Engineering', comment: null }],
    frontier: null,
    completes: true,
    at: new Date(),
  });
  assert.equal(written.kind, 'recorded');
  // A write that completes nothing queues nothing.
  const stale = await t.storage.submitPage({
    responseId,
    survey: 'engagement',
    revision: 0,
    remove: [],
    answers: [],
    frontier: null,
    completes: true,
    at: new Date(),
  });
  assert.equal(stale.kind, 'stale');

  assert.equal(await drain(worker(t.storage, clock, {})), 2);
  const surveys = hook.received.map((r) => bodyOf(r).data.survey).sort();
  assert.deepEqual(surveys, ['engagement', 'satisfaction']);
  const path = hook.received.map(bodyOf).find((b) => b.data.survey === 'engagement');
  assert.equal((path?.data.response as { id: number }).id, responseId);
});

/** Opens path page `n` and posts `form` with the revision its form carries, as a browser does. */
async function submitPage(browser: ReturnType<TestApp['browser']>, n: number, form: Form) {
  const shown = await browser.get(`/surveys/engagement/questions/${n}`);
  assert.equal(shown.status, 200);
  const revision = /<input type="hidden" name="revision" value="([^"]*)">/.exec(shown.body)?.[1];
  assert.ok(revision !== undefined, 'the form carries a revision');
  return browser.post(`/surveys/engagement/questions/${n}`, { revision, ...form });
}

test('a path survey completed over HTTP queues its completion once (PostgreSQL: the batched page write)', async () => {
  const t = await app();
  const hook = await receiver();
  await endpoint(t.storage, hook.url, 'engagement');
  const clock = { now: Date.now() + 10_000 };
  const respondent = t.browser();
  await begin(respondent, 'engagement');
  for (const [n, form, to] of [
    [0, ABOUT, '/surveys/engagement/questions/1'],
    [1, HAPPY, '/surveys/engagement/questions/4'],
    [4, LAST, '/surveys/engagement/complete'],
  ] as const) {
    const posted = await submitPage(respondent, n, form);
    assert.equal(posted.status, 303, `page ${n}: ${posted.body}`);
    assert.equal(posted.location, to);
  }
  assert.equal(await drain(worker(t.storage, clock, {})), 1);
  assert.equal(hook.received.length, 1);
  const [response] = await t.storage.listResponses('engagement');
  const body = bodyOf(hook.received[0] ?? { body: '{}' });
  assert.equal(body.type, 'response.completed');
  assert.equal((body.data.response as { id: number }).id, response?.id);
});

test('a 500 is retried after its backoff, with the same id, and logged', async () => {
  const t = await app();
  const hook = await receiver();
  hook.answers = [500];
  const { id: endpointId, secret } = await endpoint(t.storage, hook.url);
  const clock = { now: Date.now() + 10_000 };
  await completeKinds(t.storage);
  const run = worker(t.storage, clock, {});
  assert.equal(await run.pass(), 1);
  assert.equal(hook.received.length, 1);
  let [delivery] = await t.storage.listWebhookDeliveries(endpointId, 10);
  assert.equal(delivery?.status, 'pending');
  assert.equal(delivery.attempts, 1);
  // Not due before its backoff (1 s × jitter factor 1).
  clock.now += 999;
  assert.equal(await run.pass(), 0);
  assert.equal(hook.received.length, 1);
  clock.now += 1;
  assert.equal(await run.pass(), 1);
  assert.equal(hook.received.length, 2);
  for (const request of hook.received) assertSigned(request, secret);
  assert.equal(hook.received[0]?.headers['webhook-id'], hook.received[1]?.headers['webhook-id']);
  [delivery] = await t.storage.listWebhookDeliveries(endpointId, 10);
  assert.equal(delivery?.status, 'delivered');
  assert.deepEqual(
    delivery.log.map((a) => a.statusCode),
    [500, 200],
  );
});

test('after the last attempt a delivery is failed and the next event goes', async () => {
  const t = await app();
  const hook = await receiver();
  hook.answers = [500, 500];
  const { id: endpointId } = await endpoint(t.storage, hook.url);
  const clock = { now: Date.now() + 10_000 };
  const first = await completeKinds(t.storage);
  const second = await completeKinds(t.storage);
  const run = worker(t.storage, clock, { maxAttempts: 2 });
  await run.pass();
  clock.now += 1000;
  await run.pass();
  await drain(run);
  const deliveries = await t.storage.listWebhookDeliveries(endpointId, 10);
  assert.deepEqual(
    deliveries.map((d) => [d.responseId, d.status, d.attempts]),
    [
      [second, 'delivered', 1],
      [first, 'failed', 2],
    ],
  );
});

test('a receiver down for a while, then back, gets every event once and in order', async () => {
  const t = await app();
  const down = await receiver();
  const { port, url } = down;
  await down.close();
  const { id: endpointId } = await endpoint(t.storage, url);
  const clock = { now: Date.now() + 10_000 };
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) ids.push(await completeKinds(t.storage));
  const run = worker(t.storage, clock, {});
  for (let i = 0; i < 4; i++) {
    assert.equal(await run.pass(), 1, 'only the head of the line is tried');
    clock.now += 60_000;
  }
  const waiting = await t.storage.listWebhookDeliveries(endpointId, 10);
  assert.deepEqual(
    waiting.map((d) => d.attempts),
    [0, 0, 0, 0, 4],
    'later events wait for the first',
  );
  assert.match(waiting[4]?.log[0]?.error ?? '', /ECONNREFUSED/);
  const back = await receiver(port);
  assert.equal(await drain(run), 5);
  const received = back.received.map((r) => (bodyOf(r).data.response as { id: number }).id);
  assert.deepEqual(received, ids);
  assert.equal(new Set(back.received.map((r) => r.headers['webhook-id'])).size, 5);
});

test('two workers on one database never deliver an event twice', async () => {
  const first = await app();
  const second = await app(first.databaseUrl);
  const hook = await receiver();
  await endpoint(first.storage, hook.url);
  await endpoint(first.storage, `${hook.url}?second`);
  await endpoint(first.storage, `${hook.url}?third`);
  const ids: number[] = [];
  for (let i = 0; i < 8; i++) ids.push(await completeKinds(first.storage));
  const clock = { now: Date.now() + 10_000 };
  const a = worker(first.storage, clock, {});
  const b = worker(second.storage, clock, {});
  for (let busy = true; busy;) {
    const [x, y] = await Promise.all([a.pass(), b.pass()]);
    busy = x + y > 0;
  }
  assert.equal(hook.received.length, 24);
  const messageIds = hook.received.map((r) => r.headers['webhook-id']);
  assert.equal(new Set(messageIds).size, 24, 'each event once');
  // And in order per endpoint.
  for (const path of ['/hook', '/hook?second', '/hook?third']) {
    const mine = hook.received.filter((r) => r.url === path);
    assert.deepEqual(
      mine.map((r) => (bodyOf(r).data.response as { id: number }).id),
      ids,
      path,
    );
  }
});

test('a slow receiver is timed out, logged, and tried again later', async () => {
  const t = await app();
  const hook = await receiver();
  hook.answers = ['hold'];
  const { id: endpointId } = await endpoint(t.storage, hook.url);
  const clock = { now: Date.now() + 10_000 };
  await completeKinds(t.storage);
  const run = worker(t.storage, clock, { timeoutMs: 300 });
  assert.equal(await run.pass(), 1);
  const [delivery] = await t.storage.listWebhookDeliveries(endpointId, 10);
  assert.equal(delivery?.status, 'pending');
  assert.match(delivery.log[0]?.error ?? '', /no answer within 300 ms/);
  clock.now += 1000;
  assert.equal(await run.pass(), 1);
  const [after] = await t.storage.listWebhookDeliveries(endpointId, 10);
  assert.equal(after?.status, 'delivered');
});

test('a worker stopped mid-attempt gives its lease back: another sends the event at once', async () => {
  const t = await app();
  const hook = await receiver();
  hook.answers = ['hold'];
  const { id: endpointId } = await endpoint(t.storage, hook.url);
  const clock = { now: Date.now() + 10_000 };
  await completeKinds(t.storage);
  const stopped = worker(t.storage, clock, { timeoutMs: 30_000 });
  const passing = stopped.pass();
  await waitUntil('the receiver holds the first attempt', () =>
    Promise.resolve(hook.received.length === 1),
  );
  await stopped.stop();
  assert.equal(await passing, 0);
  const [held] = await t.storage.listWebhookDeliveries(endpointId, 10);
  assert.equal(held?.status, 'pending');
  assert.deepEqual(held.log, [], 'a cut-short attempt is not counted');
  // Without the release, the lease would hold it for the timeout and 30 s more.
  const next = worker(t.storage, clock, {});
  assert.equal(await next.pass(), 1);
  assert.equal(hook.received.length, 2);
  assert.equal(hook.received[0]?.headers['webhook-id'], hook.received[1]?.headers['webhook-id']);
  const [delivered] = await t.storage.listWebhookDeliveries(endpointId, 10);
  assert.equal(delivered?.status, 'delivered');
});

test('loopback and private receivers are refused unless allowed', async () => {
  const t = await app();
  const hook = await receiver();
  const { id: literal } = await endpoint(t.storage, hook.url);
  const { id: named } = await endpoint(t.storage, `http://localhost:${hook.port}/hook`);
  const clock = { now: Date.now() + 10_000 };
  await completeKinds(t.storage);
  assert.equal(await worker(t.storage, clock, { allowPrivate: false }).pass(), 2);
  assert.equal(hook.received.length, 0, 'nothing reached the receiver');
  const [byAddress] = await t.storage.listWebhookDeliveries(literal, 1);
  assert.equal(byAddress?.log[0]?.error, '127.0.0.1 is a private address');
  const [byName] = await t.storage.listWebhookDeliveries(named, 1);
  assert.match(
    byName?.log[0]?.error ?? '',
    /^localhost resolves to (127\.0\.0\.1|::1), a private address$/,
  );
});

test('disabled endpoints get no new events; a deleted response is skipped, not sent', async () => {
  const t = await app();
  const hook = await receiver();
  const { id: off } = await endpoint(t.storage, hook.url);
  const { id: on } = await endpoint(t.storage, hook.url);
  assert.equal(await t.storage.setWebhookEndpointDisabled(off, new Date()), true);
  const clock = { now: Date.now() + 10_000 };
  const id = await completeKinds(t.storage);
  assert.deepEqual(await t.storage.listWebhookDeliveries(off, 10), []);
  await t.storage.deleteResponse({ survey: 'kinds', responseId: id, at: new Date(), detail: 'x' });
  assert.equal(await worker(t.storage, clock, {}).pass(), 1);
  assert.equal(hook.received.length, 0);
  const [skipped] = await t.storage.listWebhookDeliveries(on, 10);
  assert.equal(skipped?.status, 'skipped');
  assert.match(skipped.log[0]?.error ?? '', /deleted before/);
});
