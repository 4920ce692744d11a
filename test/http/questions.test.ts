import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin, notices } from '../support/flow.js';

let t: TestApp;
beforeEach(async () => (t = await startTestApp()));
afterEach(() => t.close());

test('a question page before begin redirects to the start page', async () => {
  const response = await t.browser().get('/surveys/satisfaction/questions/0');
  assert.ok(response.status === 302 || response.status === 303);
  assert.equal(response.location, '/surveys/satisfaction');
});

test('shows the current question: position, progress, one radio per choice, and the form', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No']);
  const response = await browser.get('/surveys/satisfaction/questions/2');
  assert.equal(response.status, 200);
  assert.match(response.body, /Question 3 of 4/);
  assert.match(response.body, /<progress aria-labelledby="progress-label" value="2" max="4">/);
  assert.match(response.body, /On average, how much do you spend a month on frisbees\?/);
  const radios = [
    ...response.body.matchAll(/<input type="radio" id="answer-\d+" name="answer" value="([^"]*)"/g),
  ].map((m) => m[1]);
  assert.deepEqual(radios, ['Less than $10,000', '$10,000 or more']);
  assert.match(response.body, /<form method="post" action="\/surveys\/satisfaction\/questions\/2"/);
  assert.match(response.body, /name="_csrf"/);
  assert.doesNotMatch(response.body, /name="comment"/);
  assert.match(response.body, /<fieldset>/);
  assert.match(response.body, /<legend>/);
});

test('a question that allows text has a labelled comment field', async () => {
  const browser = t.browser();
  await begin(browser, 'personality');
  await answerAll(browser, 'personality', ['Yes', 'No', 'Hedgehogs']);
  const response = await browser.get('/surveys/personality/questions/3');
  assert.match(response.body, /<label for="comment">/);
  assert.match(response.body, /<textarea id="comment" name="comment"/);
  const radios = [...response.body.matchAll(/name="answer" value="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(radios, ['do_stuff()', 'run_me()', 'wtf()']);
});

test('an out-of-order question flashes the seed text once and redirects to the current one', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  const jump = await browser.get('/surveys/satisfaction/questions/3');
  assert.ok(jump.status === 302 || jump.status === 303);
  assert.equal(jump.location, '/surveys/satisfaction/questions/1');
  const current = await browser.get('/surveys/satisfaction/questions/1');
  assert.deepEqual(notices(current.body), ['Invalid question id: 3.']);
  const again = await browser.get('/surveys/satisfaction/questions/1');
  assert.deepEqual(notices(again.body), []);
  const back = await browser.get('/surveys/satisfaction/questions/0');
  assert.equal(back.location, '/surveys/satisfaction/questions/1');
});

test('the flash shows on the next HTML page that renders, whatever page that is', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await browser.get('/surveys/satisfaction/questions/2');
  const home = await browser.get('/');
  assert.deepEqual(notices(home.body), ['Invalid question id: 2.']);
  assert.deepEqual(notices((await browser.get('/surveys/satisfaction')).body), []);
});

test('once every question is answered, a question page redirects to the completion page without a flash', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  const response = await browser.get('/surveys/satisfaction/questions/1');
  assert.equal(response.location, '/surveys/satisfaction/complete');
  const complete = await browser.get('/surveys/satisfaction/complete');
  assert.deepEqual(notices(complete.body), []);
});

test('a qid that is not a non-negative integer is 404', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  for (const qid of ['-1', '1.5', '1e2', '0x1', 'abc', '%20', '1a', '+1']) {
    const response = await browser.get(`/surveys/satisfaction/questions/${qid}`);
    assert.equal(response.status, 404, `qid ${qid}`);
  }
  assert.equal((await browser.get('/surveys/nope/questions/0')).status, 404);
});

test('a huge qid is just out of order, never a crash', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const response = await browser.get('/surveys/satisfaction/questions/99999999999999999999999');
  assert.equal(response.location, '/surveys/satisfaction/questions/0');
});

// QA: past 2^53 the flash read `123456789012345680000`; Flask's int converter keeps every
// digit and drops only leading zeros (checked against Flask 3.1).
test('the flash names the qid as Flask reads it: every digit of a huge one, no leading zeros', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const expected: [string, string][] = [
    ['123456789012345678901', '123456789012345678901'],
    ['9007199254740993', '9007199254740993'],
    ['999999999999999999999999', '999999999999999999999999'],
    ['007', '7'],
  ];
  for (const [written, shown] of expected) {
    await browser.get(`/surveys/satisfaction/questions/${written}`);
    const current = await browser.get('/surveys/satisfaction/questions/0');
    assert.deepEqual(notices(current.body), [`Invalid question id: ${shown}.`], written);
  }
});
