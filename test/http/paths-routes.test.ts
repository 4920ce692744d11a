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

const page = (n: number, slug = 'routed') => `/surveys/${slug}/questions/${n}`;

async function beginWith(
  browser: Browser,
  fields: Record<string, string>,
  slug = 'routed',
): Promise<TestResponse> {
  const query = new URLSearchParams(fields).toString();
  assert.equal(
    (await browser.get(`/surveys/${slug}${query === '' ? '' : `?${query}`}`)).status,
    200,
  );
  const begun = await browser.post(`/surveys/${slug}/begin`, fields);
  assert.equal(begun.status, 303);
  return begun;
}

async function submit(browser: Browser, n: number, form: Record<string, string>, slug = 'routed') {
  const shown = await browser.get(page(n, slug));
  assert.equal(shown.status, 200, `page ${n} shows`);
  const revision = /name="revision" value="(\d+)"/.exec(shown.body)?.[1];
  assert.ok(revision !== undefined);
  return browser.post(page(n, slug), { revision, ...form });
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

/** A choice, a free text and a question piping both and a hidden field, in two languages. */
const COLOUR_QUESTIONS = [
  {
    id: 'colour',
    text: { en: 'Favourite colour?', fr: 'Couleur préférée ?' },
    choices: [
      { id: 'red', text: { en: 'Red', fr: 'Rouge' } },
      { id: 'teal', text: { en: 'Blue & green', fr: 'Bleu & vert' } },
    ],
  },
  { id: 'nick', type: 'text', text: { en: 'Nickname?', fr: 'Surnom ?' }, required: false },
  {
    id: 'sure',
    type: 'yesno',
    text: {
      en: 'You picked {{q:colour}} from {{hidden:source|nowhere}}, {{q:nick|friend}}?',
      fr: 'Vous avez choisi {{q:colour}} depuis {{hidden:source|nulle part}}, {{q:nick|l’ami}} ?',
    },
  },
] as const;
const colours = (slug: string, layout: 'questions' | 'pages') =>
  makeSurvey(slug, {
    title: { en: 'Colours', fr: 'Couleurs' },
    languages: ['en', 'fr'],
    hidden: ['source'],
    ...(layout === 'questions'
      ? { questions: COLOUR_QUESTIONS }
      : {
          pages: [
            { id: 'taste', questions: COLOUR_QUESTIONS.slice(0, 2) },
            { id: 'check', questions: COLOUR_QUESTIONS.slice(2) },
          ],
        }),
  });

/** The question texts of the completion page's list of answers, as written in its HTML. */
const answeredQuestions = (body: string) =>
  [...body.matchAll(/<p class="answer-question">([^<]*)<\/p>/g)].map((m) => m[1]);

test('the completion page lists each question as the respondent read it: piped, translated and escaped', async () => {
  t = await startTestApp({
    surveys: [colours('colours', 'questions'), colours('colour-pages', 'pages')],
  });
  // A `questions:` file in French, with a hidden field from the link and no nickname.
  const french = t.browser();
  await beginWith(french, { source: '<i>mail</i>', lang: 'fr' }, 'colours');
  await submit(french, 0, { answer: 'teal' }, 'colours');
  await submit(french, 1, { answer: '' }, 'colours');
  const asked = await french.get(page(2, 'colours'));
  const shown = 'Vous avez choisi Bleu &amp; vert depuis &lt;i&gt;mail&lt;/i&gt;, l’ami ?';
  assert.ok(asked.body.includes(shown), 'the question page pipes the same text');
  assert.equal(
    (await submit(french, 2, { answer: 'yes' }, 'colours')).location,
    '/surveys/colours/complete',
  );
  const done = await french.get('/surveys/colours/complete');
  assert.match(done.body, /<html lang="fr">/);
  assert.deepEqual(answeredQuestions(done.body), ['Couleur préférée ?', 'Surnom ?', shown]);
  assert.doesNotMatch(done.body, /\{\{|<i>mail/);

  // A `pages:` file in English, without the hidden field, with a nickname to escape.
  const english = t.browser();
  await beginWith(english, {}, 'colour-pages');
  await submit(english, 0, { colour: 'red', nick: 'Ada <3' }, 'colour-pages');
  assert.equal(
    (await submit(english, 1, { sure: 'no' }, 'colour-pages')).location,
    '/surveys/colour-pages/complete',
  );
  const listed = await english.get('/surveys/colour-pages/complete');
  assert.deepEqual(answeredQuestions(listed.body), [
    'Favourite colour?',
    'Nickname?',
    'You picked Red from nowhere, Ada &lt;3?',
  ]);
  assert.doesNotMatch(listed.body, /\{\{/);
});
