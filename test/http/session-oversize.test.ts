import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { createSessionManager } from '@canvass/session';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/app.js';
import { begin, notices } from '../support/flow.js';

let current: TestApp | undefined;
afterEach(() => current?.close());

// Issue 18: a client that inflates its own session must get a 4xx page, never a 500. Test apps
// run as development does: a session too large for its cookie throws `SessionTooLarge`.
test('a stale question page requested again and again queues one notice, not a growing pile', async () => {
  current = await startTestApp();
  const browser = current.browser();
  await begin(browser, 'satisfaction');
  for (let i = 0; i < 200; i++) {
    const response = await browser.get('/surveys/satisfaction/questions/3');
    assert.equal(response.status, 302, `request ${i}`);
  }
  assert.ok(((await browser.sessionCookie()) ?? '').length < 1000, 'the cookie stays small');
  const page = await browser.get('/surveys/satisfaction/questions/0');
  assert.deepEqual(notices(page.body), ['Invalid question id: 3.']);
});

test('stale question pages with ever new numbers keep the session within its cookie, never a 500', async () => {
  current = await startTestApp();
  const browser = current.browser();
  await begin(browser, 'satisfaction');
  for (let i = 0; i < 300; i++) {
    const response = await browser.get(`/surveys/satisfaction/questions/${1_000_000 + i * 7919}`);
    assert.equal(response.status, 302, `request ${i}`);
  }
  const page = await browser.get('/surveys/satisfaction/questions/0');
  assert.equal(page.status, 200);
  assert.ok(notices(page.body).length <= 10, 'only the latest notices are kept');
});

/**
 * A `Cookie` header holding a session as large as a cookie may be: a CSRF token and a note of
 * random (incompressible) text, grown until one more byte would cross the 4093-byte line.
 * Canvass itself could have sent it, as could a Flask app sharing the key.
 */
function nearLimitCookie(): string {
  const manager = createSessionManager({ secrets: [TEST_SECRET], onOversize: 'drop' });
  const note = randomBytes(3000).toString('base64url');
  let best: string | undefined;
  for (let length = 3000; length <= note.length; length += 10) {
    const session = manager.load(undefined);
    session.set('csrf', 'token');
    session.set('note', note.slice(0, length));
    const line = manager.commit(session);
    if (line === undefined) break;
    best = line;
  }
  assert.ok(best !== undefined && best.length > 4000, 'a cookie close to the limit');
  return best.split(';')[0] ?? '';
}

test('a session near the cookie limit that the app would push over it gets a 431 page, not a 500', async () => {
  current = await startTestApp();
  const cookie = nearLimitCookie();
  const start = await current.app.inject({ url: '/surveys/satisfaction', headers: { cookie } });
  assert.equal(start.statusCode, 200);
  const response = await current.app.inject({
    method: 'POST',
    url: '/surveys/satisfaction/begin',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: '_csrf=token',
  });
  assert.equal(response.statusCode, 431);
  assert.match(response.body, /Clearing this site’s cookies usually fixes it/);
  assert.equal(response.headers['set-cookie'], undefined, 'no cookie the browser would drop');
});

// Over a real socket a Cookie header past Node's 16 KiB header limit is 431 before routing
// (test/http/hardening); below it, whatever the cookie holds is only ever a cookie.
test('a large Cookie header of garbage is an empty session', async () => {
  current = await startTestApp();
  const large = await current.app.inject({
    url: '/surveys/satisfaction/questions/0',
    headers: { cookie: `session=${'a'.repeat(12_000)}; other=${'b'.repeat(2000)}` },
  });
  assert.equal(large.statusCode, 302);
  assert.equal(large.headers.location, '/surveys/satisfaction');
});
