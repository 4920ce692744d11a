import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin, notices } from '../support/flow.js';

let t: TestApp;
beforeEach(async () => (t = await startTestApp()));
afterEach(() => t.close());

test('the completion page before begin redirects to the start page', async () => {
  const response = await t.browser().get('/surveys/satisfaction/complete');
  assert.equal(response.location, '/surveys/satisfaction');
});

test('the completion page before the last answer applies the question guard', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No']);
  const response = await browser.get('/surveys/satisfaction/complete');
  assert.ok(response.status === 302 || response.status === 303);
  assert.equal(response.location, '/surveys/satisfaction/questions/2');
  assert.deepEqual(notices((await browser.follow(response)).body), []);
});

test('thanks the respondent and lists each question with their answer and comment, escaped', async () => {
  const browser = t.browser();
  await begin(browser, 'personality');
  await answerAll(browser, 'personality', [
    'Yes',
    'No',
    'Hedgehogs',
    { answer: 'wtf()', comment: '<script>alert("x")</script> & more' },
  ]);
  const response = await browser.get('/surveys/personality/complete');
  assert.equal(response.status, 200);
  assert.match(response.body, /Thank you!/);
  const items = [
    ...response.body.matchAll(
      /<li><p class="answer-question">([^<]*)<\/p><p class="answer-choice">([^<]*)<\/p>(?:<p class="answer-comment">([^<]*)<\/p>)?<\/li>/g,
    ),
  ].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(items, [
    ['Do you ever dream about code?', 'Yes', undefined],
    ['Do you ever have nightmares about code?', 'No', undefined],
    ['Do you prefer porcupines or hedgehogs?', 'Hedgehogs', undefined],
    [
      'Which is the worst function name, and why?',
      'wtf()',
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more',
    ],
  ]);
  assert.doesNotMatch(response.body, /<script>/);
});

test('the completion page of an unknown survey is 404', async () => {
  assert.equal((await t.browser().get('/surveys/nope/complete')).status, 404);
});
