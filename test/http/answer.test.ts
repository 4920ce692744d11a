import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

let t: TestApp;
beforeEach(async () => (t = await startTestApp()));
afterEach(() => t.close());

async function stored(slug = 'satisfaction') {
  return (await t.storage.listResponses(slug)).map((r) => ({
    answers: r.answers.map((a) => [a.question, a.answer, a.comment]),
    complete: r.completedAt !== null,
  }));
}

test('an answer is stored as it is given and redirects (303) to the next question', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const response = await browser.post('/surveys/satisfaction/questions/0', { answer: 'Yes' });
  assert.equal(response.status, 303);
  assert.equal(response.location, '/surveys/satisfaction/questions/1');
  assert.deepEqual(await stored(), [{ answers: [[0, 'Yes', null]], complete: false }]);
});

test('the last answer redirects to the completion page and marks the response complete', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const last = await answerAll(browser, 'satisfaction', ['Yes', 'No', '$10,000 or more', 'No']);
  assert.equal(last.location, '/surveys/satisfaction/complete');
  assert.deepEqual(await stored(), [
    {
      answers: [
        [0, 'Yes', null],
        [1, 'No', null],
        [2, '$10,000 or more', null],
        [3, 'No', null],
      ],
      complete: true,
    },
  ]);
});

test('a missing or unknown answer is 422 with the question shown again and nothing stored', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  for (const form of [
    {},
    { answer: '' },
    { answer: 'Maybe' },
    { answer: 'yes' },
    { answer: ' Yes' },
    { answer: ['Yes', 'No'] },
  ]) {
    const response = await browser.post('/surveys/satisfaction/questions/0', form);
    assert.equal(response.status, 422, JSON.stringify(form));
    assert.match(response.body, /Have you shopped here before\?/);
    assert.match(response.body, /<p id="answer-error" class="field-error">Please choose/);
    assert.match(response.body, /aria-describedby="answer-error"/);
  }
  assert.deepEqual(await stored(), [{ answers: [], complete: false }]);
  assert.equal(
    (await browser.post('/surveys/satisfaction/questions/0', { answer: 'Yes' })).status,
    303,
  );
});

test('a comment of 2,000 characters is kept; 2,001 is 422 and nothing is stored', async () => {
  const browser = t.browser();
  await begin(browser, 'personality');
  await answerAll(browser, 'personality', ['Yes', 'No', 'Porcupines']);
  const long = await browser.post('/surveys/personality/questions/3', {
    answer: 'wtf()',
    comment: 'x'.repeat(2001),
  });
  assert.equal(long.status, 422);
  assert.match(long.body, /<p id="comment-error" class="field-error">Your comment is too long/);
  assert.equal((await stored('personality'))[0]?.answers.length, 3);
  const ok = await browser.post('/surveys/personality/questions/3', {
    answer: 'wtf()',
    comment: 'y'.repeat(2000),
  });
  assert.equal(ok.status, 303);
  assert.deepEqual((await stored('personality'))[0]?.answers[3], [3, 'wtf()', 'y'.repeat(2000)]);
});

test('a repeated post (double click, back button, second tab) records nothing and redirects to the current question', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  const replay = await browser.post('/surveys/satisfaction/questions/0', { answer: 'No' });
  assert.equal(replay.status, 303);
  assert.equal(replay.location, '/surveys/satisfaction/questions/1');
  const ahead = await browser.post('/surveys/satisfaction/questions/3', { answer: 'No' });
  assert.equal(ahead.location, '/surveys/satisfaction/questions/1');
  const staleAndInvalid = await browser.post('/surveys/satisfaction/questions/0', {
    answer: 'nonsense',
  });
  assert.equal(staleAndInvalid.status, 303);
  assert.equal(staleAndInvalid.location, '/surveys/satisfaction/questions/1');
  assert.deepEqual(await stored(), [{ answers: [[0, 'Yes', null]], complete: false }]);
});

test('the same post sent twice with the old cookie records exactly one answer', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await browser.get('/surveys/satisfaction/questions/0');
  const cookie = `session=${(await browser.sessionCookie()) ?? ''}`;
  const body = new URLSearchParams({ answer: 'Yes', _csrf: browser.lastCsrf ?? '' }).toString();
  const send = () =>
    t.app.inject({
      method: 'POST',
      url: '/surveys/satisfaction/questions/0',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
  const [a, b] = await Promise.all([send(), send()]);
  assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
  assert.deepEqual(
    [a.headers.location, b.headers.location],
    ['/surveys/satisfaction/questions/1', '/surveys/satisfaction/questions/1'],
  );
  const later = await send();
  assert.equal(later.statusCode, 303);
  assert.deepEqual(await stored(), [{ answers: [[0, 'Yes', null]], complete: false }]);
});

test('posting with no progress redirects to the start page; after finishing, to the completion page', async () => {
  const browser = t.browser();
  await browser.get('/surveys/satisfaction');
  const early = await browser.post('/surveys/satisfaction/questions/0', { answer: 'Yes' });
  assert.equal(early.status, 303);
  assert.equal(early.location, '/surveys/satisfaction');
  assert.deepEqual(await stored(), []);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No', '$10,000 or more', 'No']);
  const late = await browser.post('/surveys/satisfaction/questions/3', { answer: 'Yes' });
  assert.equal(late.location, '/surveys/satisfaction/complete');
  assert.equal((await stored())[0]?.answers[3]?.[1], 'No');
});

test('without a valid CSRF token the answer is 403 and nothing is stored', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const missing = await browser.request('POST', '/surveys/satisfaction/questions/0', {
    answer: 'Yes',
  });
  assert.equal(missing.status, 403);
  const wrong = await browser.post('/surveys/satisfaction/questions/0', {
    answer: 'Yes',
    _csrf: 'x'.repeat(32),
  });
  assert.equal(wrong.status, 403);
  const other = t.browser();
  await other.get('/surveys/satisfaction');
  const foreign = await browser.post('/surveys/satisfaction/questions/0', {
    answer: 'Yes',
    _csrf: other.lastCsrf ?? '',
  });
  assert.equal(foreign.status, 403);
  assert.deepEqual(await stored(), [{ answers: [], complete: false }]);
});

test('one CSRF token serves every form of the session, in any tab', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const token = browser.lastCsrf;
  await browser.get('/surveys/personality');
  assert.equal(browser.lastCsrf, token);
  await begin(browser, 'personality');
  const response = await browser.post('/surveys/satisfaction/questions/0', {
    answer: 'Yes',
    _csrf: token ?? '',
  });
  assert.equal(response.status, 303);
});

test('a POST with a tampered session cookie records nothing', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  await browser.get('/surveys/satisfaction/questions/0');
  const cookie = (await browser.sessionCookie()) ?? '';
  const tampered = `${cookie.slice(0, -2)}${cookie.endsWith('AA') ? 'BB' : 'AA'}`;
  const response = await t.app.inject({
    method: 'POST',
    url: '/surveys/satisfaction/questions/0',
    headers: { cookie: `session=${tampered}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ answer: 'Yes', _csrf: browser.lastCsrf ?? '' }).toString(),
  });
  assert.equal(response.statusCode, 403);
  assert.deepEqual(await stored(), [{ answers: [], complete: false }]);
});

test('a body over 64 KiB is 413 and nothing is stored', async () => {
  const browser = t.browser();
  await begin(browser, 'personality');
  const response = await browser.post('/surveys/personality/questions/0', {
    answer: 'Yes',
    comment: 'x'.repeat(70 * 1024),
  });
  assert.equal(response.status, 413);
  assert.match(response.body, /Too much data/);
  assert.deepEqual(await stored('personality'), [{ answers: [], complete: false }]);
});

test('a body over 64 KiB is 413 even without a CSRF token (size is checked first)', async () => {
  const browser = t.browser();
  const response = await browser.request('POST', '/surveys/satisfaction/begin', {
    junk: 'x'.repeat(65 * 1024),
  });
  assert.equal(response.status, 413);
});

// QA: a 70 KB JSON body got the 415 of its type, where PRODUCT.md checks the size first.
test('a body over 64 KiB is 413 whatever its type: the size is checked before the type', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const response = await browser.request(
    'POST',
    '/surveys/satisfaction/questions/0',
    { answer: 'Yes', junk: 'x'.repeat(70 * 1024), _csrf: browser.lastCsrf ?? '' },
    { 'content-type': 'application/json' },
  );
  assert.equal(response.status, 413);
  assert.match(response.body, /Too much data/);
  assert.deepEqual(await stored(), [{ answers: [], complete: false }]);
});

test('a form that is not urlencoded is refused with 415 and nothing is stored', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  const response = await browser.request(
    'POST',
    '/surveys/satisfaction/questions/0',
    { answer: 'Yes', _csrf: browser.lastCsrf ?? '' },
    { 'content-type': 'application/json' },
  );
  assert.equal(response.status, 415);
  assert.deepEqual(await stored(), [{ answers: [], complete: false }]);
});

test('posting to a non-integer qid is 404', async () => {
  const browser = t.browser();
  await begin(browser, 'satisfaction');
  for (const qid of ['-1', '1.5', '1e2', '0x1', 'abc']) {
    assert.equal(
      (await browser.post(`/surveys/satisfaction/questions/${qid}`, { answer: 'Yes' })).status,
      404,
      qid,
    );
  }
  assert.deepEqual(await stored(), [{ answers: [], complete: false }]);
});
