import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { resolveServeConfig } from '../../../src/cli/config.js';
import { LOGIN_ATTEMPTS } from '../../../src/http/hardening/index.js';
import { ADMIN_PASSWORD } from '../../support/admin.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import type { Browser } from '../../support/browser.js';
import { cleanEnv, runCli } from '../../support/process.js';
import { browserAt, tryBegin } from './clients.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

/** A browser behind a proxy at 127.0.0.1 that says the client is `client`. */
const behindProxy = (app: TestApp, client: string) =>
  browserAt(app.app, '127.0.0.1', { 'x-forwarded-for': client });

const trustProxy = (value: string) => resolveServeConfig({ trustProxy: value }, {}).trustProxy;

async function failLogins(browser: Browser): Promise<void> {
  for (let i = 0; i < LOGIN_ATTEMPTS; i++) {
    await browser.get('/admin/login');
    assert.equal((await browser.post('/admin/login', { password: `guess ${i}` })).status, 422);
  }
}

test('TRUST_PROXY takes a hop count or a list of addresses, CIDRs and named ranges', () => {
  assert.equal(resolveServeConfig({}, {}).trustProxy, undefined);
  assert.equal(trustProxy('1'), 1);
  assert.equal(resolveServeConfig({}, { TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(trustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8'), [
    '127.0.0.1',
    '10.0.0.0/8',
    '::1',
    'fd00::/8',
  ]);
  assert.deepEqual(trustProxy('loopback'), ['loopback']);
});

test('a bad TRUST_PROXY stops startup with a message naming it', () => {
  for (const bad of [
    'true',
    'yes',
    '-1',
    '1.5',
    '999',
    '10.0.0.0/33',
    '::1/129',
    '1.2.3',
    '10.0.0.1,',
  ]) {
    assert.throws(
      () => trustProxy(bad),
      (error: Error) =>
        error.name === 'ConfigError' &&
        /TRUST_PROXY: must be a hop count .* or a comma-separated list/.test(error.message) &&
        error.message.includes(`"${bad}"`),
      bad,
    );
  }
});

test('canvass serve --trust-proxy with a bad value exits 1 naming TRUST_PROXY', async () => {
  const result = await runCli(['serve', '--port', '0', '--trust-proxy', 'everyone'], cleanEnv());
  assert.equal(result.code, 1);
  assert.match(result.stderr, /TRUST_PROXY: must be a hop count/);
  assert.doesNotMatch(result.stderr, /at .*\.js:/);
});

test('with TRUST_PROXY each forwarded client has its own limits', async () => {
  t = await startTestApp({ hardening: { rateLimit: 2, trustProxy: 1 } });
  for (let i = 0; i < 2; i++)
    assert.equal((await tryBegin(behindProxy(t, '192.0.2.1'))).status, 303);
  assert.equal((await tryBegin(behindProxy(t, '192.0.2.1'))).status, 429);
  assert.equal((await tryBegin(behindProxy(t, '192.0.2.2'))).status, 303);
  // Only the proxy's own hop is believed: a client's made-up entry before it changes nothing.
  const spoofing = browserAt(t.app, '127.0.0.1', { 'x-forwarded-for': '192.0.2.77, 192.0.2.1' });
  assert.equal((await tryBegin(spoofing)).status, 429);
});

test('without TRUST_PROXY a forwarded address is ignored: a client cannot pick its own', async () => {
  t = await startTestApp({ hardening: { rateLimit: 2 } });
  for (let i = 0; i < 2; i++)
    assert.equal((await tryBegin(behindProxy(t, '192.0.2.1'))).status, 303);
  assert.equal((await tryBegin(behindProxy(t, '192.0.2.2'))).status, 429);
});

// Issue 18: ten wrong passwords from anyone behind the proxy locked the owner out for 15 minutes.
test('behind a trusted proxy, failed logins of one client do not lock out the owner', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, hardening: { trustProxy: 1 } });
  await failLogins(behindProxy(t, '198.51.100.7'));
  const owner = behindProxy(t, '192.0.2.1');
  await owner.get('/admin/login');
  assert.equal((await owner.post('/admin/login', { password: ADMIN_PASSWORD })).status, 303);
});

test('a list of proxy addresses is trusted as Fastify trusts it', async () => {
  t = await startTestApp({ hardening: { rateLimit: 1, trustProxy: ['127.0.0.0/8'] } });
  const app = t;
  assert.equal((await tryBegin(behindProxy(app, '192.0.2.1'))).status, 303);
  assert.equal((await tryBegin(behindProxy(app, '192.0.2.2'))).status, 303);
  // From an address not in the list, the header is not believed.
  const direct = (client: string) =>
    browserAt(app.app, '203.0.113.5', { 'x-forwarded-for': client });
  assert.equal((await tryBegin(direct('192.0.2.3'))).status, 303);
  assert.equal((await tryBegin(direct('192.0.2.4'))).status, 429);
});
