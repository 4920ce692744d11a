import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

let t: TestApp;
beforeEach(async () => (t = await startTestApp()));
afterEach(() => t.close());

const FORM = 'application/x-www-form-urlencoded';

async function answers() {
  return (await t.storage.listResponses('satisfaction'))[0]?.answers.map((a) => a.answer);
}

test('a browser whose answer was stored but whose response was lost goes on to its real next question', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await browser.get('/surveys/satisfaction/questions/0');
  const cookie = await browser.jar.getCookieString('http://localhost/');
  // The answer reaches the server; its response, with the new cookie, never reaches the browser.
  const lost = await t.app.inject({
    method: 'POST',
    url: '/surveys/satisfaction/questions/0',
    headers: { cookie, 'content-type': FORM },
    payload: `answer=Yes&_csrf=${browser.lastCsrf ?? ''}`,
  });
  assert.equal(lost.statusCode, 303);
  const page = await browser.get('/surveys/satisfaction/questions/0');
  assert.equal(page.status, 302);
  assert.equal(page.location, '/surveys/satisfaction/questions/1');
  const next = await browser.get('/surveys/satisfaction/questions/1');
  assert.match(next.body, /Question 2 of 4/);
  assert.equal(
    (await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' })).status,
    303,
  );
  assert.deepEqual(await answers(), ['Yes', 'No']);
});

test('an answer re-sent with an older cookie records nothing and moves on to the first unanswered question', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await browser.get('/surveys/satisfaction/questions/0');
  const old = await browser.jar.getCookieString('http://localhost/');
  await answerAll(browser, 'satisfaction', ['Yes', 'No']);
  const replay = await t.app.inject({
    method: 'POST',
    url: '/surveys/satisfaction/questions/0',
    headers: { cookie: old, 'content-type': FORM },
    payload: `answer=No&_csrf=${browser.lastCsrf ?? ''}`,
  });
  assert.equal(replay.statusCode, 303);
  assert.equal(replay.headers.location, '/surveys/satisfaction/questions/2');
  assert.deepEqual(await answers(), ['Yes', 'No']);
});
