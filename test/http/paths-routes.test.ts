/**
 * Issue 15 items 5–6 through the flow: a page behind a condition on a hidden field (one that was
 * never sent reads as not answered, so the page is off the path and `begin` starts after it),
 * pipes filled in and escaped on the page, an `endIf` ending with its piped `endText`, and the
 * piped `thankYou`; on the test engine.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import type { Browser, TestResponse } from '../support/browser.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const ROUTED = makeSurvey('routed', {
  title: 'Routed',
  hidden: ['src'],
  thankYou: 'Thanks, {{q:name|friend}}!',
  pages: [
    {
      id: 'partners',
      showIf: { hidden: 'src', is: 'partner' },
      questions: [{ id: 'partner', type: 'text', text: 'Which partner sent you?' }],
    },
    {
      id: 'main',
      questions: [{ id: 'name', type: 'text', text: 'What should we call you?', required: false }],
    },
    {
      id: 'hello',
      title: 'Hello {{q:name|there}}',
      questions: [
        {
          id: 'ok',
          type: 'yesno',
          text: 'All good, {{q:name|there}}? (from {{hidden:src|nowhere}})',
          endIf: { q: 'ok', is: 'no' },
          endText: 'Sorry to hear it, {{q:name|friend}}.',
        },
      ],
    },
    {
      id: 'more',
      questions: [{ id: 'more', type: 'longtext', text: 'Anything else?', required: false }],
    },
  ],
});

const start = async () => {
  t = await startTestApp({ surveys: [ROUTED] });
  return t;
};

const page = (n: number) => `/surveys/routed/questions/${n}`;

async function beginWith(browser: Browser, fields: Record<string, string>): Promise<TestResponse> {
  const query = new URLSearchParams(fields).toString();
  assert.equal(
    (await browser.get(`/surveys/routed${query === '' ? '' : `?${query}`}`)).status,
    200,
  );
  const begun = await browser.post('/surveys/routed/begin', fields);
  assert.equal(begun.status, 303);
  return begun;
}

async function submit(browser: Browser, n: number, form: Record<string, string>) {
  const shown = await browser.get(page(n));
  assert.equal(shown.status, 200, `page ${n} shows`);
  const revision = /name="revision" value="(\d+)"/.exec(shown.body)?.[1];
  assert.ok(revision !== undefined);
  return browser.post(page(n), { revision, ...form });
}

test('a page behind a hidden field that was never sent is off the path: begin starts after it', async () => {
  const app = await start();
  const browser = app.browser();
  const begun = await beginWith(browser, {});
  assert.equal(begun.location, page(1));
  const skipped = await browser.get(page(0));
  assert.equal(skipped.status, 302);
  assert.equal(skipped.location, page(1));
  // Its form posted anyway writes nothing.
  const forged = await browser.post(page(0), { revision: '0', partner: 'Acme' });
  assert.equal(forged.status, 303);
  assert.equal(forged.location, page(1));
  const [response] = await app.storage.listResponses('routed');
  assert.deepEqual(response?.answers, []);
});

test('the same page is the first on the path when the link sent the hidden field', async () => {
  const app = await start();
  const browser = app.browser();
  const begun = await beginWith(browser, { src: 'partner' });
  assert.equal(begun.location, page(0));
  const posted = await submit(browser, 0, { partner: 'Acme' });
  assert.equal(posted.location, page(1));
});

test('pipes show earlier answers escaped, an endIf ends with its piped endText', async () => {
  const app = await start();
  const browser = app.browser();
  await beginWith(browser, { src: 'news' });
  assert.equal((await submit(browser, 1, { name: '<b>Ada</b>' })).location, page(2));
  const hello = await browser.get(page(2));
  assert.match(hello.body, /<h1>Hello &lt;b&gt;Ada&lt;\/b&gt;<\/h1>/);
  assert.match(hello.body, /All good, &lt;b&gt;Ada&lt;\/b&gt;\? \(from news\)/);
  assert.doesNotMatch(hello.body, /<b>Ada/);
  const ended = await submit(browser, 2, { ok: 'no' });
  assert.equal(ended.location, '/surveys/routed/complete');
  const done = await browser.get('/surveys/routed/complete');
  assert.match(done.body, /Sorry to hear it, &lt;b&gt;Ada&lt;\/b&gt;\./);
  const [response] = await app.storage.listResponses('routed');
  assert.notEqual(response?.completedAt, null);
});

test('a survey that runs to its end shows its thankYou, with the fallback for a skipped answer', async () => {
  const app = await start();
  const browser = app.browser();
  await beginWith(browser, {});
  await submit(browser, 1, { name: '' });
  const hello = await browser.get(page(2));
  assert.match(hello.body, /All good, there\? \(from nowhere\)/);
  assert.equal((await submit(browser, 2, { ok: 'yes' })).location, page(3));
  assert.equal((await submit(browser, 3, { more: '' })).location, '/surveys/routed/complete');
  const done = await browser.get('/surveys/routed/complete');
  assert.match(done.body, /Thanks, friend!/);
});
