import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

let t: TestApp;
beforeEach(async () => (t = await startTestApp()));
afterEach(() => t.close());

test('begin starts a response with no answers and redirects (303) to question 0', async () => {
  const browser = t.browser();
  const response = await begin(browser, 'satisfaction');
  assert.equal(response.location, '/surveys/satisfaction/questions/0');
  const stored = await t.storage.listResponses('satisfaction');
  assert.equal(stored.length, 1);
  const [response0] = stored;
  assert.ok(response0);
  assert.deepEqual(response0.answers, []);
  assert.equal(response0.completedAt, null);
});

test('begin without a CSRF token is 403 and stores nothing', async () => {
  const browser = t.browser();
  await browser.get('/surveys/satisfaction');
  const response = await browser.post('/surveys/satisfaction/begin', { _csrf: 'forged' });
  assert.equal(response.status, 403);
  assert.match(response.body, /This form has expired/);
  const bare = await browser.request('POST', '/surveys/satisfaction/begin');
  assert.equal(bare.status, 403);
  assert.deepEqual(await t.storage.listResponses('satisfaction'), []);
});

test('begin again mid-survey starts a new response at question 0 and keeps the earlier one', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No']);
  const again = await browser.post('/surveys/satisfaction/begin');
  assert.equal(again.status, 303);
  assert.equal(again.location, '/surveys/satisfaction/questions/0');
  const stored = await t.storage.listResponses('satisfaction');
  assert.equal(stored.length, 2);
  assert.deepEqual(
    stored.map((r) => r.answers.length),
    [2, 0],
  );
  assert.notEqual(stored[0]?.id, stored[1]?.id);
  const q1 = await browser.get('/surveys/satisfaction/questions/1');
  assert.equal(q1.location, '/surveys/satisfaction/questions/0');
});

test('begin for an unknown survey is 404', async () => {
  const browser = t.browser();
  await browser.get('/surveys/satisfaction');
  const response = await browser.post('/surveys/nope/begin');
  assert.equal(response.status, 404);
  assert.deepEqual(await t.storage.listResponses('nope'), []);
});

test('several surveys can be in progress at once in one browser', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  await begin(browser, 'personality');
  await answerAll(browser, 'personality', ['No', 'No']);
  assert.equal((await browser.get('/surveys/satisfaction/questions/1')).status, 200);
  assert.equal((await browser.get('/surveys/personality/questions/2')).status, 200);
  await answerAll(browser, 'satisfaction', ['No', '$10,000 or more', 'No'], 1);
  assert.equal((await browser.get('/surveys/personality/questions/2')).status, 200);
  assert.equal((await browser.get('/surveys/satisfaction/complete')).status, 200);
});
