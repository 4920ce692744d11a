import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { Browser } from '../support/browser.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

/**
 * Issue 18 item 4: one client stuffed an `allowRetake: false` survey with 119 completed
 * responses a minute by putting back a cookie it had saved before `begin`. A completed survey
 * stays completed for that browser whatever cookie of its own it sends back.
 */
let t: TestApp;
beforeEach(async () => (t = await startTestApp()));
afterEach(() => t.close());

const ANSWERS = ['Yes', 'No', 'Less than $10,000', 'Yes'];

/** The browser's session cookie now, to put back later as a replaying client would. */
async function save(browser: Browser): Promise<string> {
  const value = await browser.sessionCookie();
  assert.ok(value !== undefined);
  return value;
}

async function replay(browser: Browser, saved: string): Promise<void> {
  await browser.jar.setCookie(`session=${saved}; Path=/`, browser.origin);
}

async function completedCount(): Promise<number> {
  const stored = await t.storage.listResponses('satisfaction');
  return stored.filter((r) => r.completedAt !== null).length;
}

test('a cookie saved before begin, put back after completing, cannot begin the survey again', async () => {
  const browser = t.browser();
  await browser.get('/surveys/satisfaction');
  const beforeBegin = await save(browser);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ANSWERS);
  for (let i = 0; i < 3; i++) {
    await replay(browser, beforeBegin);
    const start = await browser.get('/surveys/satisfaction');
    assert.match(start.body, /You have completed this survey/);
    assert.doesNotMatch(start.body, /action="\/surveys\/satisfaction\/begin"/);
    await replay(browser, beforeBegin);
    const again = await browser.post('/surveys/satisfaction/begin');
    assert.equal(again.status, 303);
    assert.equal(again.location, '/surveys/satisfaction/complete');
    const complete = await browser.get('/surveys/satisfaction/complete');
    assert.equal(complete.status, 200);
    assert.match(complete.body, /Less than \$10,000/);
  }
  const stored = await t.storage.listResponses('satisfaction');
  assert.deepEqual(
    stored.map((r) => [r.answers.length, r.completedAt !== null]),
    [[4, true]],
  );
});

test('a mid-survey cookie put back after completing records nothing', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  const midway = await save(browser);
  await answerAll(browser, 'satisfaction', ANSWERS.slice(1), 1);
  const before = await t.storage.listResponses('satisfaction');
  for (let qid = 1; qid < ANSWERS.length; qid++) {
    await replay(browser, midway);
    const post = await browser.post(`/surveys/satisfaction/questions/${qid}`, { answer: 'No' });
    assert.equal(post.status, 303);
    assert.notEqual(post.location, `/surveys/satisfaction/questions/${qid + 1}`);
  }
  await replay(browser, midway);
  const page = await browser.get('/surveys/satisfaction/questions/1');
  assert.equal(page.location, '/surveys/satisfaction/complete');
  assert.deepEqual(await t.storage.listResponses('satisfaction'), before);
});

test('"Start over" from a mid-survey cookie put back after completing is refused', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  const midway = await save(browser);
  await answerAll(browser, 'satisfaction', ANSWERS.slice(1), 1);
  await replay(browser, midway);
  const again = await browser.post('/surveys/satisfaction/begin');
  assert.equal(again.status, 303);
  assert.equal(again.location, '/surveys/satisfaction/complete');
  assert.equal((await t.storage.listResponses('satisfaction')).length, 1);
  assert.match((await browser.get('/surveys/satisfaction')).body, /You have completed this survey/);
});

test('a response begun before completing another cannot be completed as well', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const firstAttempt = await save(browser);
  await begin(browser, 'satisfaction'); // "Start over": a second response
  await answerAll(browser, 'satisfaction', ANSWERS);
  await replay(browser, firstAttempt);
  const last = await answerAll(browser, 'satisfaction', ANSWERS.slice(0, 3));
  assert.equal(last.location, '/surveys/satisfaction/questions/3');
  const refused = await browser.post('/surveys/satisfaction/questions/3', { answer: 'No' });
  assert.equal(refused.status, 303);
  assert.equal(refused.location, '/surveys/satisfaction/complete');
  // The browser is shown the response it completed, not the one it tried to finish.
  const complete = await browser.get('/surveys/satisfaction/complete');
  assert.equal(complete.status, 200);
  assert.equal(await completedCount(), 1);
  const stored = await t.storage.listResponses('satisfaction');
  assert.deepEqual(
    stored.map((r) => [r.answers.length, r.completedAt !== null]),
    [
      [3, false],
      [4, true],
    ],
  );
  const again = await browser.post('/surveys/satisfaction/begin');
  assert.equal(again.location, '/surveys/satisfaction/complete');
});

test('another browser can still take the survey after one browser completed it', async () => {
  const first = t.browser();
  await begin(first, 'satisfaction');
  await answerAll(first, 'satisfaction', ANSWERS);
  const second = t.browser();
  const response = await begin(second, 'satisfaction');
  assert.equal(response.location, '/surveys/satisfaction/questions/0');
  await answerAll(second, 'satisfaction', ANSWERS);
  assert.equal(await completedCount(), 2);
});

test('a survey with allowRetake still begins again from a cookie saved before begin', async () => {
  await t.close();
  const survey = makeSurvey('again', {
    title: 'Again',
    allowRetake: true,
    questions: [{ text: 'Q' }],
  });
  t = await startTestApp({ surveys: [survey] });
  const browser = t.browser();
  await browser.get('/surveys/again');
  const beforeBegin = await save(browser);
  await begin(browser, 'again');
  await answerAll(browser, 'again', ['Yes']);
  await replay(browser, beforeBegin);
  const again = await browser.post('/surveys/again/begin');
  assert.equal(again.location, '/surveys/again/questions/0');
  await answerAll(browser, 'again', ['No']);
  const stored = await t.storage.listResponses('again');
  assert.equal(stored.filter((r) => r.completedAt !== null).length, 2);
});
