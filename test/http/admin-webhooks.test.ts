/**
 * Issue 17 item 4 on the owner's side: adding a webhook endpoint (its secret shown once), the
 * list, an endpoint's page with its delivery log, the test event button, switching off and on,
 * "Send now" on a failed delivery, deleting after a confirmation page; bad URLs and surveys are a 422 that stores nothing, a POST without the CSRF token
 * a 403, an unknown endpoint a 404. On the test engine (`CANVASS_TEST_ENGINE=postgres`).
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createWebhookWorker } from '../../src/cli/webhook-worker.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import type { Browser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';
import { assertSigned, startReceiver, type Receiver } from '../support/receiver.js';

let t: TestApp | undefined;
let hook: Receiver | undefined;
afterEach(async () => {
  await t?.close();
  await hook?.close();
});

async function owner(): Promise<{ app: TestApp; admin: Browser; receiver: Receiver }> {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  hook = await startReceiver();
  const admin = t.browser();
  await logInAsAdmin(admin);
  return { app: t, admin, receiver: hook };
}

/** Adds an endpoint through the form; returns the secret the page showed. */
async function add(admin: Browser, url: string, survey = ''): Promise<string> {
  const list = await admin.get('/admin/webhooks');
  assert.equal(list.status, 200);
  assert.match(list.body, /<form method="post" action="\/admin\/webhooks" novalidate>/);
  const created = await admin.post('/admin/webhooks', { url, survey });
  assert.equal(created.status, 201, created.body);
  const secret =
    /id="webhook-secret" class="input" type="text" value="(whsec_[A-Za-z0-9+/=]+)"/.exec(
      created.body,
    )?.[1];
  assert.ok(secret, 'the secret is shown');
  return secret;
}

test('an owner adds an endpoint and sees its secret once; the list and its page show it', async () => {
  const { app, admin, receiver } = await owner();
  const dashboard = await admin.get('/admin');
  assert.match(dashboard.body, /<a href="\/admin\/webhooks">Webhooks<\/a>/);
  const secret = await add(admin, receiver.url, 'satisfaction');
  const [stored] = await app.storage.listWebhookEndpoints();
  assert.equal(stored?.secret, secret);
  assert.equal(stored.survey, 'satisfaction');
  assert.equal(stored.url, receiver.url);
  const list = await admin.get('/admin/webhooks');
  assert.ok(list.body.includes(`<a href="/admin/webhooks/${stored.id}" class="break-anywhere">`));
  assert.equal(list.body.includes(secret), false, 'the list never shows the secret');
  const page = await admin.get(`/admin/webhooks/${stored.id}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Nothing sent yet/);
  assert.equal(page.body.includes(secret), false, 'nor does the endpoint’s page');
});

test('the test event button queues a signed test delivery that the log then shows', async () => {
  const { app, admin, receiver } = await owner();
  const secret = await add(admin, receiver.url);
  await admin.get('/admin/webhooks/1');
  const queued = await admin.post('/admin/webhooks/1/test', {});
  assert.equal(queued.status, 303);
  assert.equal(queued.location, '/admin/webhooks/1');
  const worker = createWebhookWorker({ storage: app.storage, allowPrivate: true });
  assert.equal(await worker.pass(), 1);
  await worker.stop();
  const [request] = receiver.received;
  assert.ok(request);
  assertSigned(request, secret);
  assert.equal((JSON.parse(request.body) as { type: string }).type, 'webhook.test');
  const page = await admin.get('/admin/webhooks/1');
  assert.match(page.body, /A test event is queued/);
  assert.match(page.body, /msg_1: webhook\.test<\/th>/);
  assert.match(page.body, /<td>Delivered<\/td>/);
  assert.match(page.body, /<li><time [^>]*>[^<]*<\/time>: HTTP 200 \(\d+ ms\)<\/li>/);
});

test('a completed response is queued only while its endpoint is on; deleting removes it', async () => {
  const { app, admin, receiver } = await owner();
  await add(admin, receiver.url, 'satisfaction');
  await admin.get('/admin/webhooks/1');
  const off = await admin.post('/admin/webhooks/1/disable', {});
  assert.equal(off.status, 303);
  assert.match((await admin.get('/admin/webhooks/1')).body, /Off since/);
  const respondent = app.browser();
  await begin(respondent, 'satisfaction');
  await answerAll(respondent, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  assert.deepEqual(await app.storage.listWebhookDeliveries(1, 10), []);
  assert.equal((await admin.post('/admin/webhooks/1/enable', {})).status, 303);
  const again = app.browser();
  await begin(again, 'satisfaction');
  await answerAll(again, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  const page = await admin.get('/admin/webhooks/1');
  assert.match(page.body, /response.completed \(response #2\)/);
  assert.match(page.body, /<td>Waiting<\/td><td>none yet<\/td>/);
  // Delete asks first: the endpoint's page links to a confirmation page that changes nothing.
  assert.match(
    page.body,
    /<a class="button button-secondary" href="\/admin\/webhooks\/1\/delete">/,
  );
  const confirm = await admin.get('/admin/webhooks/1/delete');
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, /<h1>Delete the endpoint\?<\/h1>/);
  assert.match(confirm.body, /every delivery still waiting: they are not sent/);
  assert.match(confirm.body, /<form method="post" action="\/admin\/webhooks\/1\/delete"/);
  assert.match(
    confirm.body,
    /<a class="button button-secondary" href="\/admin\/webhooks\/1">Cancel<\/a>/,
  );
  assert.equal((await app.storage.listWebhookEndpoints()).length, 1);
  assert.equal((await app.storage.listWebhookDeliveries(1, 10)).length, 1);
  const deleted = await admin.post('/admin/webhooks/1/delete', {});
  assert.equal(deleted.status, 303);
  assert.equal(deleted.location, '/admin/webhooks');
  assert.equal((await admin.get('/admin/webhooks/1')).status, 404);
  assert.deepEqual(await app.storage.listWebhookEndpoints(), []);
});

test('Send now gives a failed delivery one more attempt; a delivered one is not sent again', async () => {
  const { app, admin, receiver } = await owner();
  await add(admin, receiver.url);
  await admin.get('/admin/webhooks/1');
  assert.equal((await admin.post('/admin/webhooks/1/test', {})).status, 303);
  receiver.answers = [500];
  const worker = createWebhookWorker({ storage: app.storage, allowPrivate: true, maxAttempts: 1 });
  try {
    assert.equal(await worker.pass(), 1);
    const failed = await admin.get('/admin/webhooks/1');
    assert.match(
      failed.body,
      /<td>Failed<form method="post" action="\/admin\/webhooks\/1\/deliveries\/1\/retry">.*Send now<span class="visually-hidden"> \(msg_1\)<\/span><\/button>/,
    );
    assert.equal(await worker.pass(), 0, 'a failed delivery is not tried again by itself');

    const queued = await admin.post('/admin/webhooks/1/deliveries/1/retry', {});
    assert.equal(queued.status, 303);
    assert.equal(queued.location, '/admin/webhooks/1');
    const waiting = await admin.get('/admin/webhooks/1');
    assert.match(waiting.body, /msg_1 is queued to be sent now\./);
    assert.match(waiting.body, /<td>Waiting, next try /);
    assert.equal(await worker.pass(), 1);
    assert.equal(receiver.received.length, 2, 'the same event, sent again');
    assert.equal(
      receiver.received[0]?.headers['webhook-id'],
      receiver.received[1]?.headers['webhook-id'],
    );
    const [delivery] = await app.storage.listWebhookDeliveries(1, 10);
    assert.equal(delivery?.status, 'delivered');
    assert.deepEqual(
      delivery.log.map((a) => a.statusCode),
      [500, 200],
    );

    // Delivered: no button, and a POST anyway says why and sends nothing.
    const delivered = await admin.get('/admin/webhooks/1');
    assert.doesNotMatch(delivered.body, /\/retry"/);
    const refused = await admin.post('/admin/webhooks/1/deliveries/1/retry', {});
    assert.equal(refused.status, 303);
    assert.match(
      (await admin.get('/admin/webhooks/1')).body,
      /msg_1 is not sent again: only a delivery that failed/,
    );
    assert.equal(await worker.pass(), 0);
    assert.equal(receiver.received.length, 2);
  } finally {
    await worker.stop();
  }
});

test('a bad URL or survey is a 422 that says what to give and stores nothing', async () => {
  const { app, admin } = await owner();
  await admin.get('/admin/webhooks');
  for (const [url, survey, message] of [
    ['not a url', '', /Give an absolute http:\/\/ or https:\/\/ URL/],
    ['javascript:alert(1)', '', /Give an absolute http:\/\/ or https:\/\/ URL/],
    ['ftp://example.org/hook', '', /Give an absolute http:\/\/ or https:\/\/ URL/],
    ['https://user:pw@example.org/hook', '', /without a user name or password/],
    [`https://example.org/${'x'.repeat(2000)}`, '', /at most 2,000 characters/],
    ['https://example.org/hook', 'no-such-survey', /Choose a survey from the list/],
  ] as const) {
    const response = await admin.post('/admin/webhooks', { url, survey });
    assert.equal(response.status, 422, url);
    assert.match(response.body, message);
    assert.match(response.body, /aria-invalid="true"/);
  }
  assert.deepEqual(await app.storage.listWebhookEndpoints(), []);
});

test('POSTs without the CSRF token are refused, unknown endpoints are 404, logged-out owners go to the login', async () => {
  const { app, admin, receiver } = await owner();
  await add(admin, receiver.url);
  for (const path of [
    '/admin/webhooks',
    '/admin/webhooks/1/delete',
    '/admin/webhooks/1/test',
    '/admin/webhooks/1/deliveries/1/retry',
  ]) {
    const refused = await admin.post(path, { _csrf: 'wrong', url: receiver.url });
    assert.equal(refused.status, 403, path);
  }
  assert.equal((await app.storage.listWebhookEndpoints()).length, 1);
  assert.deepEqual(await app.storage.listWebhookDeliveries(1, 10), []);
  for (const path of [
    '/admin/webhooks/2',
    '/admin/webhooks/abc',
    '/admin/webhooks/01',
    '/admin/webhooks/2/delete',
  ]) {
    assert.equal((await admin.get(path)).status, 404, path);
  }
  assert.equal((await admin.post('/admin/webhooks/1/test', {})).status, 303);
  for (const path of ['1/deliveries/2', '2/deliveries/1', '1/deliveries/abc', 'x/deliveries/1']) {
    const unknown = await admin.post(`/admin/webhooks/${path}/retry`, {});
    assert.equal(unknown.status, 404, path);
  }
  for (const action of ['test', 'disable', 'enable', 'delete']) {
    assert.equal((await admin.post(`/admin/webhooks/99/${action}`, {})).status, 404, action);
  }
  const stranger = app.browser();
  const redirected = await stranger.get('/admin/webhooks');
  assert.equal(redirected.status, 302);
  assert.match(redirected.location ?? '', /^\/admin\/login/);
});
