import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { SessionCodec } from '@canvass/session';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { begin, notices } from '../support/flow.js';

/** Admin pages, the exports included: what a stolen or replayed cookie would open. */
const ADMIN_PAGES = [
  '/admin',
  '/admin/surveys/satisfaction',
  '/admin/surveys/satisfaction/responses.csv',
  '/admin/surveys/satisfaction/responses.json',
];

let current: TestApp | undefined;
afterEach(() => current?.close());

/** An app with an admin password and a clock the test moves (seconds since the epoch). */
async function open(lifetimes?: { idle: number; absolute: number }) {
  const clock = { now: 1_700_000_000 };
  current = await startTestApp({
    adminPassword: ADMIN_PASSWORD,
    now: () => clock.now * 1000,
    ...(lifetimes === undefined ? {} : { adminLifetimes: lifetimes }),
  });
  return { t: current, clock };
}

/** The browser's `Cookie` header, to replay later from elsewhere. */
async function cookieHeader(browser: Browser): Promise<string> {
  return browser.jar.getCookieString('http://localhost/admin');
}

async function assertLoggedOut(t: TestApp, cookie: string) {
  for (const path of ADMIN_PAGES) {
    const response = await t.app.inject({ url: path, headers: { cookie } });
    assert.equal(response.statusCode, 302, path);
    assert.equal(response.headers.location, '/admin/login', path);
  }
}

// Issue 18: after logout the old cookie still opened /admin and the exports for 30 days.
test('after logout, the cookie from before it no longer opens /admin or the exports', async () => {
  const { t } = await open();
  const browser = t.browser();
  await logInAsAdmin(browser);
  const stolen = await cookieHeader(browser);
  for (const path of ADMIN_PAGES) {
    const response = await t.app.inject({ url: path, headers: { cookie: stolen } });
    assert.equal(response.statusCode, 200, path);
  }
  assert.equal((await browser.get('/admin')).status, 200, 'the dashboard has the logout form');
  const logout = await browser.post('/admin/logout');
  assert.equal(logout.status, 303);
  await assertLoggedOut(t, stolen);
  assert.equal((await browser.get('/admin')).status, 302);
});

test('logging out one admin session leaves another one logged in', async () => {
  const { t } = await open();
  const laptop = t.browser();
  const phone = t.browser();
  await logInAsAdmin(laptop);
  await logInAsAdmin(phone);
  assert.equal((await laptop.get('/admin')).status, 200);
  assert.equal((await laptop.post('/admin/logout')).status, 303);
  assert.equal((await laptop.get('/admin')).status, 302);
  assert.equal((await phone.get('/admin')).status, 200);
});

test('an admin session ends after its idle lifetime without admin requests, with a notice', async () => {
  const { t, clock } = await open({ idle: 1800, absolute: 12 * 3600 });
  const browser = t.browser();
  await logInAsAdmin(browser);
  // Each visit within the idle lifetime moves its deadline on.
  for (let i = 0; i < 4; i++) {
    clock.now += 29 * 60;
    assert.equal((await browser.get('/admin')).status, 200, `visit ${i}`);
  }
  const stolen = await cookieHeader(browser);
  clock.now += 30 * 60;
  const response = await browser.get('/admin');
  assert.equal(response.status, 302);
  assert.equal(response.location, '/admin/login');
  const login = await browser.get('/admin/login');
  assert.deepEqual(notices(login.body), ['Your admin session has expired. Please log in again.']);
  // Expired is ended: moving the clock back does not bring the cookie back to life.
  clock.now -= 30 * 60;
  await assertLoggedOut(t, stolen);
});

test('an admin session ends at its absolute lifetime however active it is', async () => {
  const { t, clock } = await open({ idle: 1800, absolute: 2 * 3600 });
  const browser = t.browser();
  await logInAsAdmin(browser);
  for (let minutes = 20; minutes < 120; minutes += 20) {
    clock.now += 20 * 60;
    assert.equal((await browser.get('/admin')).status, 200, `after ${minutes} minutes`);
  }
  clock.now += 20 * 60;
  assert.equal((await browser.get('/admin')).status, 302);
  await logInAsAdmin(browser);
  assert.equal((await browser.get('/admin')).status, 200, 'a new login starts a new lifetime');
});

test('an admin flag from before admin logins were recorded (admin: true) opens nothing', async () => {
  const { t, clock } = await open();
  const codec = new SessionCodec([TEST_SECRET]);
  const cookie = codec.encode(JSON.stringify({ admin: true }), clock.now);
  await assertLoggedOut(t, `session=${cookie}`);
});

/** The session cookie with `key` set to `value`, re-signed with the app's key (a tampering insider, or an older release). */
function withValue(cookie: string, key: string, value: unknown, now: number): string {
  const codec = new SessionCodec([TEST_SECRET]);
  const decoded = codec.decode(/session=([^;]*)/.exec(cookie)?.[1] ?? '', now, 3600);
  assert.ok(decoded.ok, 'the browser holds a signed session');
  const payload = { ...JSON.parse(decoded.text), [key]: value } as Record<string, unknown>;
  return `session=${codec.encode(JSON.stringify(payload), now)}`;
}

// Issue 19: a bad value of one key used to cost the whole session, the admin login included.
test('a validly signed but malformed progress value is dropped alone: the admin login survives', async () => {
  const { t, clock } = await open();
  const browser = t.browser();
  await logInAsAdmin(browser);
  await begin(browser, 'satisfaction');
  const cookie = withValue(
    await cookieHeader(browser),
    'progress',
    { satisfaction: 'x' },
    clock.now,
  );

  const admin = await t.app.inject({ url: '/admin', headers: { cookie } });
  assert.equal(admin.statusCode, 200, 'still logged in');
  const rewritten = String(admin.headers['set-cookie'] ?? '');
  const after = new SessionCodec([TEST_SECRET]).decode(
    /session=([^;]*)/.exec(rewritten)?.[1] ?? '',
    clock.now,
    3600,
  );
  assert.ok(after.ok, 'the session is re-issued without the bad key');
  assert.equal('progress' in after.data, false);
  assert.ok('admin' in after.data && 'csrf' in after.data);
});

test('a validly signed but malformed admin marker is dropped alone: survey progress survives', async () => {
  const { t, clock } = await open();
  const browser = t.browser();
  await logInAsAdmin(browser);
  await begin(browser, 'satisfaction');
  const cookie = withValue(await cookieHeader(browser), 'admin', { id: 1 }, clock.now);
  await assertLoggedOut(t, cookie);
  const page = await t.app.inject({
    url: '/surveys/satisfaction/questions/0',
    headers: { cookie },
  });
  assert.equal(page.statusCode, 200, 'the respondent is still on the first question');
});
