import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

test('the start page shows title, instructions, question count and a Start form', async () => {
  t = await startTestApp();
  const response = await t.browser().get('/surveys/satisfaction');
  assert.equal(response.status, 200);
  assert.match(response.body, /<h1>Customer Satisfaction Survey<\/h1>/);
  assert.match(response.body, /Please fill out a survey about your experience with us\./);
  assert.match(response.body, /4 questions/);
  assert.match(
    response.body,
    /<form method="post" action="\/surveys\/satisfaction\/begin"><input type="hidden" name="_csrf" value="[\w-]+"><button type="submit"[^>]*>Start<\/button>/,
  );
});

test('an unknown survey slug is a 404 page', async () => {
  t = await startTestApp();
  const response = await t.browser().get('/surveys/nope');
  assert.equal(response.status, 404);
  assert.match(response.body, /Page not found/);
});

test('a completed survey says so on its start page and cannot be begun again', async () => {
  t = await startTestApp();
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  const start = await browser.get('/surveys/satisfaction');
  assert.match(start.body, /You have completed this survey/);
  assert.doesNotMatch(start.body, /action="\/surveys\/satisfaction\/begin"/);
  const again = await browser.post('/surveys/satisfaction/begin');
  assert.equal(again.status, 303);
  assert.equal(again.location, '/surveys/satisfaction/complete');
  assert.equal((await t.storage.listResponses('satisfaction')).length, 1);
});

test('allowRetake lets a browser take a completed survey again as a new response', async () => {
  const survey = makeSurvey('again', {
    title: 'Again',
    allowRetake: true,
    questions: [{ text: 'Q' }],
  });
  t = await startTestApp({ surveys: [survey] });
  const browser = t.browser();
  await begin(browser, 'again');
  await answerAll(browser, 'again', ['Yes']);
  const start = await browser.get('/surveys/again');
  assert.match(start.body, /Take it again/);
  const again = await browser.post('/surveys/again/begin');
  assert.equal(again.location, '/surveys/again/questions/0');
  await answerAll(browser, 'again', ['No']);
  const stored = await t.storage.listResponses('again');
  assert.deepEqual(
    stored.map((r) => [r.answers.map((a) => a.answer), r.completedAt !== null]),
    [
      [['Yes'], true],
      [['No'], true],
    ],
  );
});

test('a survey in progress offers to continue where the respondent left off', async () => {
  t = await startTestApp();
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  const start = await browser.get('/surveys/satisfaction');
  assert.match(start.body, /You have answered 1 of 4 questions/);
  assert.match(start.body, /href="\/surveys\/satisfaction\/questions\/1">Continue/);
});
