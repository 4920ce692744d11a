import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { LOGIN_ATTEMPTS } from '../../src/http/routes/admin/auth.js';
import { startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { answerAll, begin } from '../support/flow.js';

const PASSWORD = 'correct horse battery staple';

let current: TestApp | undefined;
afterEach(() => current?.close());
async function open(adminPassword: string | null = PASSWORD): Promise<TestApp> {
  current = await startTestApp(adminPassword === null ? {} : { adminPassword });
  return current;
}

async function logIn(browser: Browser, password = PASSWORD) {
  assert.equal((await browser.get('/admin/login')).status, 200);
  return browser.post('/admin/login', { password });
}

test('every admin page redirects to the login page without an admin session', async () => {
  const t = await open();
  const browser = t.browser();
  for (const path of [
    '/admin',
    '/admin/surveys/satisfaction',
    '/admin/surveys/satisfaction/responses.csv',
    '/admin/surveys/satisfaction/responses.json',
    '/admin/surveys/satisfaction/responses.xlsx',
    '/admin/surveys/nope',
    '/admin/anything/else',
  ]) {
    const response = await browser.get(path);
    assert.equal(response.status, 302, path);
    assert.equal(response.location, '/admin/login', path);
  }
});

test('the login page is a form with a password field that posts to /admin/login', async () => {
  const t = await open();
  const page = await t.browser().get('/admin/login');
  assert.equal(page.status, 200);
  assert.match(page.body, /<form method="post" action="\/admin\/login"/);
  assert.match(page.body, /<input type="password" id="password" name="password"/);
  assert.match(page.body, /name="_csrf"/);
});

test('the right password logs in with a 303 to /admin and a new session', async () => {
  const t = await open();
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const before = await browser.sessionCookie();
  const tokenBefore = browser.lastCsrf;
  const response = await logIn(browser);
  assert.equal(response.status, 303);
  assert.equal(response.location, '/admin');
  assert.notEqual(await browser.sessionCookie(), before);
  const dashboard = await browser.get('/admin');
  assert.equal(dashboard.status, 200);
  // The CSRF token was rotated with the session: the old one no longer works.
  assert.notEqual(browser.lastCsrf, tokenBefore);
  const stale = await browser.post('/admin/logout', { _csrf: tokenBefore ?? '' });
  assert.equal(stale.status, 403);
});

test('a session planted before login does not carry the admin flag for its planter', async () => {
  const t = await open();
  const attacker = t.browser();
  await attacker.get('/admin/login');
  const planted = await attacker.sessionCookie();
  assert.ok(planted);
  const victim = t.browser();
  await victim.jar.setCookie(`session=${planted}; Path=/`, 'http://localhost');
  assert.equal((await logIn(victim)).status, 303);
  // The attacker still holds the pre-login cookie: it grants nothing.
  const response = await attacker.get('/admin');
  assert.equal(response.status, 302);
  assert.equal(response.location, '/admin/login');
});

test('a wrong password is 422 with the form again and no admin session', async () => {
  const t = await open();
  const browser = t.browser();
  for (const form of [{ password: 'wrong' }, {}, { password: ['a', 'b'] }]) {
    await browser.get('/admin/login');
    const response = await browser.post('/admin/login', form);
    assert.equal(response.status, 422, JSON.stringify(form));
    assert.match(response.body, /That password is not correct\./);
  }
  assert.equal((await browser.get('/admin')).status, 302);
});

test('a login POST without the CSRF token is 403', async () => {
  const t = await open();
  const browser = t.browser();
  await browser.get('/admin/login');
  const response = await browser.post('/admin/login', { password: PASSWORD, _csrf: 'forged' });
  assert.equal(response.status, 403);
  assert.equal((await browser.get('/admin')).status, 302);
});

test('failed logins are limited per client: after the limit even the right password waits', async () => {
  const t = await open();
  const browser = t.browser();
  for (let i = 0; i < LOGIN_ATTEMPTS; i++) {
    assert.equal((await logIn(browser, `guess ${i}`)).status, 422);
  }
  const blocked = await logIn(browser);
  assert.equal(blocked.status, 429);
  assert.match(String(blocked.headers['retry-after']), /^[0-9]+$/);
  assert.match(blocked.body, /Too many failed attempts/);
  assert.equal((await browser.get('/admin')).status, 302);
});

test('a successful login does not count against the limit', async () => {
  const t = await open();
  for (let i = 0; i < LOGIN_ATTEMPTS + 2; i++) {
    assert.equal((await logIn(t.browser())).status, 303);
  }
});

test('logout is a 303 to the login page and ends the admin session', async () => {
  const t = await open();
  const browser = t.browser();
  await logIn(browser);
  await browser.get('/admin');
  const response = await browser.post('/admin/logout');
  assert.equal(response.status, 303);
  assert.equal(response.location, '/admin/login');
  const page = await browser.get('/admin/login');
  assert.match(page.body, /You are logged out\./);
  assert.equal((await browser.get('/admin')).status, 302);
});

test('without an admin password the admin area stays closed', async () => {
  const t = await open(null);
  const browser = t.browser();
  const page = await browser.get('/admin/login');
  assert.match(page.body, /set ADMIN_PASSWORD/);
  assert.equal((await browser.post('/admin/login', { password: '' })).status, 403);
  assert.equal((await browser.get('/admin')).status, 302);
});

test('the dashboard lists every survey with started (answered at least once), completed and completion rate', async () => {
  const t = await open();
  for (let i = 0; i < 4; i++) {
    const respondent = t.browser();
    await begin(respondent, 'satisfaction');
    const answers = ['Yes', 'No', 'Less than $10,000', 'Yes'];
    await answerAll(respondent, 'satisfaction', i === 3 ? answers.slice(0, 2) : answers);
  }
  // Begun, never answered: not counted as started (issue 18 item 4).
  await begin(t.browser(), 'satisfaction');
  const browser = t.browser();
  await logIn(browser);
  const page = await browser.get('/admin');
  assert.equal(page.status, 200);
  const row = (title: string) =>
    new RegExp(
      `<th scope="row"><a href="/admin/surveys/[a-z]+">${title.replace(/[?$]/g, '\\$&')}</a></th>(<td class="num">[^<]*</td>){3}`,
    ).exec(page.body)?.[0];
  const satisfaction = row('Customer Satisfaction Survey');
  assert.ok(satisfaction);
  assert.match(satisfaction, /href="\/admin\/surveys\/satisfaction"/);
  assert.deepEqual(cells(satisfaction), ['4', '3', '75%']);
  assert.deepEqual(cells(row('Rithm Personality Test') ?? ''), ['0', '0', '–']);
});

function cells(row: string): string[] {
  return [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1] ?? '');
}
