import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { LOGIN_ATTEMPTS } from '../../../src/http/routes/admin/auth.js';
import { ADMIN_PASSWORD } from '../../support/admin.js';
import { startTestApp, type TestApp } from '../../support/app.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const get = (app: TestApp, url: string, remoteAddress = '192.0.2.1') =>
  app.app.inject({ method: 'GET', url, remoteAddress });

test('over the global limit a client gets the 429 page with Retry-After', async () => {
  t = await startTestApp({ hardening: { rateLimit: 5 } });
  for (let i = 0; i < 5; i++) assert.equal((await get(t, '/')).statusCode, 200);
  const limited = await get(t, '/surveys/satisfaction');
  assert.equal(limited.statusCode, 429);
  assert.match(String(limited.headers['retry-after']), /^[1-9][0-9]*$/);
  assert.match(String(limited.headers['content-type']), /^text\/html/);
  assert.match(limited.body, /<h1>Too many requests<\/h1>/);
  assert.match(limited.body, /wait a minute/);
  assert.match(String(limited.headers['content-security-policy']), /default-src 'self'/);
});

test('the limit is per client address, and unknown paths count against it', async () => {
  t = await startTestApp({ hardening: { rateLimit: 3 } });
  for (let i = 0; i < 3; i++) assert.equal((await get(t, `/nowhere/${i}`)).statusCode, 404);
  assert.equal((await get(t, '/')).statusCode, 429);
  assert.equal((await get(t, '/', '192.0.2.2')).statusCode, 200);
});

test('a rate limit of 0 turns the global limit off', async () => {
  t = await startTestApp({ hardening: { rateLimit: 0 } });
  for (let i = 0; i < 700; i++) assert.equal((await get(t, '/healthz')).statusCode, 200);
});

test('the admin login keeps its own failure limit under the global one', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, hardening: { rateLimit: 600 } });
  const browser = t.browser();
  for (let i = 0; i < LOGIN_ATTEMPTS; i++) {
    await browser.get('/admin/login');
    assert.equal((await browser.post('/admin/login', { password: `guess ${i}` })).status, 422);
  }
  const blocked = await browser.post('/admin/login', { password: ADMIN_PASSWORD });
  assert.equal(blocked.status, 429);
  assert.match(blocked.body, /Too many failed attempts/);
  assert.equal((await browser.get('/')).status, 200);
});
