import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeEach(async () => (t = await startTestApp()));
afterEach(() => t.close());

test('GET / lists every survey, each linking to its start page', async () => {
  const response = await t.browser().get('/');
  assert.equal(response.status, 200);
  assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.match(
    response.body,
    /<a href="\/surveys\/satisfaction">Customer Satisfaction Survey<\/a>/,
  );
  assert.match(response.body, /<a href="\/surveys\/personality">Rithm Personality Test<\/a>/);
});

test('links a content-hashed stylesheet that is served and cached', async () => {
  const browser = t.browser();
  const page = await browser.get('/');
  const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.body)?.[1];
  assert.match(href ?? '', /^\/static\/canvass\.[\w-]{10}\.css$/);
  const css = await browser.get(href ?? '');
  assert.equal(css.status, 200);
  assert.match(String(css.headers['content-type']), /^text\/css/);
  assert.match(String(css.headers['cache-control']), /immutable/);
  assert.equal(css.setCookies.length, 0);
});

test('an unknown path is a 404 page', async () => {
  const response = await t.browser().get('/nowhere');
  assert.equal(response.status, 404);
  assert.match(response.body, /Page not found/);
});

test('GET /healthz answers 200 while the database answers, 503 once it does not', async () => {
  const browser = t.browser();
  const ok = await browser.get('/healthz');
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.body), { status: 'ok' });
  await t.storage.close();
  const down = await browser.get('/healthz');
  assert.equal(down.status, 503);
  assert.notDeepEqual(JSON.parse(down.body), { status: 'ok' });
});
