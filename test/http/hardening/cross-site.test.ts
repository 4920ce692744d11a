import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../../support/admin.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { begin } from '../../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

/** What a begin POST with a valid token gets, given these request headers. */
const CASES: readonly { headers: Record<string, string>; status: 303 | 403; why: string }[] = [
  { headers: { 'sec-fetch-site': 'same-origin' }, status: 303, why: 'a form on this site' },
  { headers: { 'sec-fetch-site': 'none' }, status: 303, why: 'typed or bookmarked' },
  { headers: { 'sec-fetch-site': 'cross-site' }, status: 403, why: 'another site' },
  { headers: { 'sec-fetch-site': 'same-site' }, status: 403, why: 'a sibling subdomain' },
  { headers: { 'sec-fetch-site': 'bogus' }, status: 403, why: 'an unknown value' },
  // Trusted over Origin, so a proxy that rewrites Host does not lock modern browsers out.
  {
    headers: { 'sec-fetch-site': 'same-origin', origin: 'http://public.example' },
    status: 303,
    why: 'Sec-Fetch-Site wins',
  },
  { headers: { origin: 'http://localhost' }, status: 303, why: 'an older browser, same host' },
  { headers: { origin: 'http://localhost:80' }, status: 303, why: 'the default port spelled out' },
  { headers: { origin: 'http://evil.example' }, status: 403, why: 'an older browser, other host' },
  { headers: { origin: 'http://localhost:8080' }, status: 403, why: 'another port' },
  { headers: { origin: 'null' }, status: 403, why: 'an opaque origin' },
  { headers: {}, status: 303, why: 'neither header (curl): the token guards it' },
];

for (const { headers, status, why } of CASES) {
  test(`a POST from ${why} (${JSON.stringify(headers)}) is ${status}`, async () => {
    t = await startTestApp();
    const browser = t.browser();
    assert.equal((await browser.get('/surveys/satisfaction')).status, 200);
    const response = await browser.post('/surveys/satisfaction/begin', {}, headers);
    assert.equal(response.status, status);
    const stored = await t.storage.listResponses('satisfaction');
    assert.equal(stored.length, status === 303 ? 1 : 0);
    if (status === 403) assert.match(response.body, /<h1>This form has expired<\/h1>/);
  });
}

test('a cross-site answer POST records nothing, even with the right token and cookie', async () => {
  t = await startTestApp();
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await browser.get('/surveys/satisfaction/questions/0');
  const forged = await browser.post(
    '/surveys/satisfaction/questions/0',
    { answer: 'Yes' },
    { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' },
  );
  assert.equal(forged.status, 403);
  assert.deepEqual((await t.storage.listResponses('satisfaction'))[0]?.answers, []);
});

test('logging in rotates the CSRF token: a form from before the login no longer posts', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  const browser = t.browser();
  await browser.get('/surveys/satisfaction');
  const before = browser.lastCsrf;
  assert.ok(before);
  await logInAsAdmin(browser);
  const stale = await browser.post('/surveys/satisfaction/begin', { _csrf: before });
  assert.equal(stale.status, 403);
  assert.equal((await t.storage.listResponses('satisfaction')).length, 0);
  await browser.get('/surveys/satisfaction');
  assert.notEqual(browser.lastCsrf, before);
  assert.equal((await browser.post('/surveys/satisfaction/begin')).status, 303);
});
