import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createSessionManager } from '@canvass/session';
import { makeSurvey, startTestApp, TEST_SECRET, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

let current: TestApp | undefined;
afterEach(() => current?.close());

/** One app per test, closed after it. */
async function open(options?: Parameters<typeof startTestApp>[0]): Promise<TestApp> {
  current = await startTestApp(options);
  return current;
}

const DAY = 24 * 3600;

test('Set-Cookie carries HttpOnly, SameSite=Lax, Path=/, a 30-day expiry and no Secure over HTTP', async () => {
  const t = await open();
  const response = await t.browser().get('/surveys/satisfaction');
  const line = response.setCookies.find((c) => c.startsWith('session='));
  assert.ok(line, 'a session cookie is set');
  assert.match(line, /; HttpOnly/);
  assert.match(line, /; SameSite=Lax/);
  assert.match(line, /; Path=\//);
  assert.doesNotMatch(line, /; Secure/);
  const expires = Date.parse(/; Expires=([^;]+)/.exec(line)?.[1] ?? '');
  assert.ok(
    Math.abs(expires - (Date.now() + 30 * DAY * 1000)) < 5_000,
    `expires ${new Date(expires).toISOString()}`,
  );
  assert.ok(line.length <= 4093);
});

test('pages that read the session vary on Cookie; an unchanged session sends no Set-Cookie', async () => {
  const t = await open();
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const first = await browser.get('/surveys/satisfaction/questions/0');
  assert.match(String(first.headers.vary), /Cookie/i);
  const second = await browser.get('/surveys/satisfaction/questions/0');
  assert.deepEqual(second.setCookies, []);
  assert.equal(second.status, 200);
});

test('a tampered, truncated, garbage or foreign cookie is an empty session, never a 500', async () => {
  const t = await open();
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const good = (await browser.sessionCookie()) ?? '';
  const foreign = createSessionManager({
    secrets: ['another-secret-key-that-is-at-least-32-bytes'],
  });
  const other = foreign.load(undefined);
  other.set('progress', { satisfaction: [1, 3] });
  const foreignCookie = /^session=([^;]*)/.exec(foreign.commit(other, {}) ?? '')?.[1] ?? '';
  for (const value of [
    `${good}x`,
    good.slice(0, 20),
    'garbage',
    '...',
    '.eJw.x.y',
    '',
    foreignCookie,
    '"quoted"',
    '%00%ff',
  ]) {
    const response = await t.app.inject({
      url: '/surveys/satisfaction/questions/0',
      headers: { cookie: `session=${value}` },
    });
    assert.equal(response.statusCode, 302, `cookie ${value}`);
    assert.equal(response.headers.location, '/surveys/satisfaction');
  }
});

test('an expired cookie is an empty session', async () => {
  let now = Date.now();
  const t = await open({ maxAge: 3600, now: () => now });
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  assert.equal((await browser.get('/surveys/satisfaction/questions/0')).status, 200);
  now += 3601 * 1000;
  const cookie = (await browser.sessionCookie()) ?? '';
  const response = await t.app.inject({
    url: '/surveys/satisfaction/questions/0',
    headers: { cookie: `session=${cookie}` },
  });
  assert.equal(response.headers.location, '/surveys/satisfaction');
});

test('a cookie signed with a fallback key is accepted and re-issued under the current key', async () => {
  const old = 'the-old-secret-key-that-is-at-least-32-bytes';
  const before = await startTestApp({ secrets: [old] });
  const browser = before.browser();
  await begin(browser, 'satisfaction');
  const cookie = (await browser.sessionCookie()) ?? '';
  await before.close();

  const t = await open({ secrets: [TEST_SECRET, old] });
  const response = await t.app.inject({
    url: '/surveys/satisfaction/questions/0',
    headers: { cookie: `session=${cookie}` },
  });
  assert.equal(response.statusCode, 200);
  const reissued = response.headers['set-cookie'];
  const line = Array.isArray(reissued) ? reissued[0] : reissued;
  assert.ok(line !== undefined && line.startsWith('session='), 'the session is re-issued');
  assert.match(line, /; HttpOnly/);
  assert.match(line, /; SameSite=Lax/);
  const value = /^session=([^;]*)/.exec(line)?.[1];
  assert.notEqual(value, cookie);
  const current = createSessionManager({ secrets: [TEST_SECRET] });
  assert.ok(
    current.load(`session=${value ?? ''}`).get('progress'),
    'the new cookie verifies with the current key alone',
  );
});

test('a 300-question survey with 2,000-character comments never produces a cookie over 4093 bytes', async () => {
  const questions = Array.from({ length: 300 }, (_, i) => ({
    text: `Question ${i}?`,
    choices: ['A', 'B', 'C'],
    allowText: true,
  }));
  const big = makeSurvey('big', { title: 'Big', questions });
  const t = await open({ surveys: [big] });
  const browser = t.browser();
  await begin(browser, 'big');
  let longest = 0;
  for (let qid = 0; qid < 300; qid++) {
    const response = await browser.post(`/surveys/big/questions/${qid}`, {
      answer: 'B',
      comment: '\u{1F600}é<'.repeat(666) + 'xx',
    });
    assert.equal(response.status, 303, `question ${qid}`);
    for (const line of response.setCookies) longest = Math.max(longest, Buffer.byteLength(line));
  }
  assert.equal((await browser.get('/surveys/big/complete')).status, 200);
  assert.ok(longest > 0 && longest <= 4093, `longest Set-Cookie line: ${longest} bytes`);
  const stored = await t.storage.listResponses('big');
  const [response] = stored;
  assert.ok(response);
  assert.equal(response.answers.length, 300);
  assert.equal(response.answers[299]?.comment?.length, '\u{1F600}é<'.repeat(666).length + 2);
});

test('the survey flow keeps the session cookie small: progress, not answers', async () => {
  const t = await open();
  const browser = t.browser();
  await begin(browser, 'personality');
  await answerAll(browser, 'personality', [
    'Yes',
    'No',
    'Hedgehogs',
    { answer: 'wtf()', comment: 'SECRET-FREE-TEXT' },
  ]);
  const cookie = (await browser.sessionCookie()) ?? '';
  assert.ok(cookie.length < 300, `cookie is ${cookie.length} bytes`);
  const session = createSessionManager({ secrets: [TEST_SECRET] }).load(`session=${cookie}`);
  assert.doesNotMatch(JSON.stringify(session.get('progress')), /SECRET-FREE-TEXT|wtf/);
});
