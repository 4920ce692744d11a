/**
 * Issue 15 item 8: results and drop-off of path surveys (SURVEYS.md §10), on the test engine.
 * Respondents walk the engagement sample (surveys/engagement.yaml: pages 0 about,
 * 1 work, 2 follow_up after a low answer on page 1, 3 contact after `talk: yes`, 4 last) over
 * HTTP through different branches, one of them changing its path with Back, and the figures are
 * asserted exactly: `shown` counts those whose path reached a question (its row, or it is on
 * their current page), the drop-off is per page, and what is behind a condition says so.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { Survey } from '../../src/domain/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, sampleSurveys, startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { begin } from '../support/flow.js';
import {
  ABOUT,
  CONTACT,
  HAPPY,
  LAST,
  NO_TALK,
  TALK,
  UNHAPPY,
  type Form,
} from '../support/engagement.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SLUG = 'engagement';

const SENIOR: Form = { team: 'Sales', tenure: 'gt3' };
const SAID: Form = { anything_else: 'More coffee.' };

/** A `pages:` file whose second page asks `why` only after `like: no` (a question's own showIf). */
const own = makeSurvey('own', {
  title: 'Own condition',
  pages: [
    { id: 'one', questions: [{ id: 'like', type: 'yesno', text: 'Do you like it?' }] },
    {
      id: 'two',
      title: 'More',
      questions: [
        { id: 'often', type: 'yesno', text: 'Do you use it often?' },
        {
          id: 'why',
          type: 'text',
          text: 'Why not?',
          showIf: { q: 'like', is: 'no' },
        },
      ],
    },
  ],
});

/** A `questions:` file with a condition: a path survey whose pages are its questions. */
const early = makeSurvey('early', {
  title: 'Early',
  questions: [
    { id: 'eligible', type: 'yesno', text: 'Are you eligible?' },
    { id: 'why', type: 'text', text: 'Why?', showIf: { q: 'eligible', is: 'yes' } },
    { id: 'last', type: 'yesno', text: 'Done?' },
  ],
});

/** A format-2 `questions:` file without conditions (the classic flow): a statement, an optional question. */
const skips = makeSurvey('skips', {
  title: 'Skips',
  questions: [
    { id: 'intro', type: 'statement', text: 'Three short questions.' },
    { id: 'note', type: 'text', text: 'Anything to add?', required: false },
    { id: 'last', type: 'yesno', text: 'Done?' },
  ],
});

async function start(): Promise<TestApp> {
  const engagement = (await sampleSurveys()).find((s) => s.slug === 'engagement');
  assert.ok(engagement);
  const surveys: Survey[] = [engagement, own, early, skips];
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys });
  return t;
}

const page = (slug: string, n: number) => `/surveys/${slug}/questions/${n}`;

/** Opens page `n` and posts `form` with the revision it carried; asserts the 303 to `to`. */
async function submit(browser: Browser, slug: string, n: number, form: Form, to: string) {
  const shown = await browser.get(page(slug, n));
  assert.equal(shown.status, 200, `page ${n} shows`);
  const revision = /<input type="hidden" name="revision" value="([^"]*)">/.exec(shown.body)?.[1];
  assert.ok(revision !== undefined, 'the form carries a revision');
  const posted = await browser.post(page(slug, n), { revision, ...form });
  assert.equal(posted.status, 303, `page ${n}: ${posted.body}`);
  assert.equal(posted.location, to, `after page ${n}`);
}

/** A new respondent who begins `slug` and submits `steps` (page, form, where it goes next). */
async function respondent(app: TestApp, slug: string, steps: readonly [number, Form, string][]) {
  const browser = app.browser();
  await begin(browser, slug);
  for (const [n, form, to] of steps) await submit(browser, slug, n, form, to);
  return browser;
}

const DONE = `/surveys/${SLUG}/complete`;
const at = (n: number) => page(SLUG, n);

/**
 * Eight browsers: A happy (pages 0, 1, 4), B unhappy without talk (0, 1, 2, 4), C unhappy with
 * talk (0–4), all three complete; D left on the follow-up (frontier 2), E on page 1, F begun
 * without a page, G left on the contact page (frontier 3), H through the contact page and then
 * back to the follow-up to say no, so the contact page left its path (frontier 4). D and G are
 * the two with more than three years.
 */
async function seeded(): Promise<TestApp> {
  const app = await start();
  await respondent(app, SLUG, [
    [0, ABOUT, at(1)],
    [1, HAPPY, at(4)],
    [4, SAID, DONE],
  ]);
  await respondent(app, SLUG, [
    [0, ABOUT, at(1)],
    [1, UNHAPPY, at(2)],
    [2, NO_TALK, at(4)],
    [4, LAST, DONE],
  ]);
  await respondent(app, SLUG, [
    [0, ABOUT, at(1)],
    [1, UNHAPPY, at(2)],
    [2, TALK, at(3)],
    [3, CONTACT, at(4)],
    [4, LAST, DONE],
  ]);
  await respondent(app, SLUG, [
    [0, SENIOR, at(1)],
    [1, UNHAPPY, at(2)],
  ]);
  await respondent(app, SLUG, [[0, ABOUT, at(1)]]);
  await respondent(app, SLUG, []);
  await respondent(app, SLUG, [
    [0, SENIOR, at(1)],
    [1, UNHAPPY, at(2)],
    [2, TALK, at(3)],
  ]);
  await respondent(app, SLUG, [
    [0, ABOUT, at(1)],
    [1, UNHAPPY, at(2)],
    [2, TALK, at(3)],
    [3, CONTACT, at(4)],
    [2, NO_TALK, at(4)],
  ]);
  return app;
}

interface Json {
  started: number;
  completed: number;
  questions: { id: string; shown: number; answered: number; conditional?: boolean }[];
  pages?: {
    id: string;
    title?: string;
    reached: number;
    submitted: number;
    conditional?: boolean;
  }[];
}

async function admin(app: TestApp): Promise<Browser> {
  const browser = app.browser();
  await logInAsAdmin(browser);
  return browser;
}

async function results(browser: Browser, slug: string, query = ''): Promise<Json> {
  const response = await browser.get(`/admin/surveys/${slug}/results.json${query}`);
  assert.equal(response.status, 200, response.body);
  return JSON.parse(response.body) as Json;
}

/** Each question as `id shown/answered`, `?` after one behind a condition. */
const shownAnswered = (json: Json) =>
  json.questions.map(
    (q) => `${q.id} ${q.shown}/${q.answered}${q.conditional === true ? ' ?' : ''}`,
  );

/** Each page as `id reached/submitted`, `?` after one behind a condition. */
const pageLines = (json: Json) =>
  (json.pages ?? []).map(
    (p) => `${p.id} ${p.reached}/${p.submitted}${p.conditional === true ? ' ?' : ''}`,
  );

test('results.json: shown counts the respondents whose path reached each question, the drop-off is per page, and what is behind a condition says so', async () => {
  const app = await seeded();
  const json = await results(await admin(app), SLUG);
  // F began without submitting a page: not started, and reached nothing.
  assert.equal(json.started, 7);
  assert.equal(json.completed, 3);
  assert.deepEqual(shownAnswered(json), [
    'team 7/7',
    'tenure 7/7',
    // E is on page 1 now: shown, not answered.
    'statements 7/6',
    'recommend 7/6',
    // B, C, G and H submitted the follow-up; D is on it.
    'improve 5/4 ?',
    'talk 5/4 ?',
    // C submitted it and G is on it; H's answer went when the page left H's path.
    'email 2/1 ?',
    // A, B and C submitted it (only A wrote something), H is on it.
    'anything_else 4/1',
  ]);
  assert.deepEqual(pageLines(json), [
    'about 7/7',
    'work 7/6',
    'follow_up 5/4 ?',
    'contact 2/1 ?',
    'last 4/3',
  ]);
  assert.equal(json.pages?.[1]?.title, 'Your work');
});

test('results.json of a path survey narrowed to completed responses, or by a filter, counts the current pages of those only', async () => {
  const app = await seeded();
  const browser = await admin(app);
  const done = await results(browser, SLUG, '?completed=1');
  assert.equal(done.started, 3);
  assert.deepEqual(shownAnswered(done), [
    'team 3/3',
    'tenure 3/3',
    'statements 3/3',
    'recommend 3/3',
    'improve 2/2 ?',
    'talk 2/2 ?',
    'email 1/1 ?',
    'anything_else 3/1',
  ]);
  assert.deepEqual(pageLines(done), [
    'about 3/3',
    'work 3/3',
    'follow_up 2/2 ?',
    'contact 1/1 ?',
    'last 3/3',
  ]);

  // D and G, who have been here more than three years: D is on the follow-up, G on contact.
  const senior = await results(browser, SLUG, '?filter=tenure:gt3');
  assert.equal(senior.started, 2);
  assert.deepEqual(shownAnswered(senior), [
    'team 2/2',
    'tenure 2/2',
    'statements 2/2',
    'recommend 2/2',
    'improve 2/1 ?',
    'talk 2/1 ?',
    'email 1/0 ?',
    'anything_else 0/0',
  ]);
  assert.deepEqual(pageLines(senior), [
    'about 2/2',
    'work 2/2',
    'follow_up 2/1 ?',
    'contact 1/0 ?',
    'last 0/0',
  ]);
});

test('the results page draws the drop-off per page, labelled by page, and says how many saw what is behind a condition', async () => {
  const app = await seeded();
  const response = await (await admin(app)).get(`/admin/surveys/${SLUG}`);
  assert.equal(response.status, 200);
  const { body } = response;
  assert.match(body, /respondents who reached and submitted each page, of 7 who started/);
  const rows = [...body.matchAll(/<tr><th scope="row">(Page .*?)<\/tr>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  assert.deepEqual(rows, [
    'Page 1: About you 7 7 100%',
    'Page 2: Your work 7 6 86%',
    'Page 3: What would help (behind a condition: shown to 5 of 7 respondents) 5 4 57%',
    'Page 4: How to reach you (behind a condition: shown to 2 of 7 respondents) 2 1 14%',
    'Page 5: Anything else 4 3 43%',
  ]);
  assert.doesNotMatch(body, /Q1 reached/, 'no line a question');
  const shown = [
    ...body.matchAll(/<h3 id="q(\d+)-heading">[^<]*<\/h3>\n<p class="meta shown">([^<]*)</g),
  ];
  assert.deepEqual(
    shown.map((m) => `${m[1]}: ${m[2]}`),
    [
      '4: Shown to 5 of 7 respondents (behind a condition)',
      '5: Shown to 5 of 7 respondents (behind a condition)',
      '6: Shown to 2 of 7 respondents (behind a condition)',
    ],
  );
});

test('a question with a showIf of its own counts only its rows; its page counts who is on it', async () => {
  const app = await start();
  // X likes it and is on page two; Y does not and submitted page two; Z does not, on page two.
  await respondent(app, 'own', [[0, { like: 'yes' }, page('own', 1)]]);
  await respondent(app, 'own', [
    [0, { like: 'no' }, page('own', 1)],
    [1, { often: 'no', why: 'Too slow.' }, '/surveys/own/complete'],
  ]);
  await respondent(app, 'own', [[0, { like: 'no' }, page('own', 1)]]);
  const browser = await admin(app);
  const json = await results(browser, 'own');
  assert.equal(json.started, 3);
  assert.deepEqual(shownAnswered(json), ['like 3/3', 'often 3/1', 'why 1/1 ?']);
  assert.deepEqual(pageLines(json), ['one 3/3', 'two 3/1']);
  const body = (await browser.get('/admin/surveys/own')).body;
  assert.match(body, /Shown to 1 of 3 respondents \(behind a condition\)/);
  assert.match(body, /<th scope="row">Page 2: More<\/th>/);
});

test('a questions: file with a condition has one drop-off line a question, counting who submitted it, with shown by path', async () => {
  const app = await start();
  await respondent(app, 'early', [
    [0, { answer: 'no' }, page('early', 2)],
    [2, { answer: 'yes' }, '/surveys/early/complete'],
  ]);
  await respondent(app, 'early', [[0, { answer: 'yes' }, page('early', 1)]]);
  const browser = await admin(app);
  const json = await results(browser, 'early');
  // Its pages are its questions (SURVEYS.md §10 counts pages submitted): `why` is the second
  // respondent's current page, behind its question's condition.
  assert.deepEqual(pageLines(json), ['eligible 2/2', 'why 1/0 ?', 'last 1/1']);
  assert.equal(json.pages?.[0]?.title, 'Are you eligible?');
  // The second respondent is on `why`: a condition of its own, but alone on its page, and a
  // page whose questions are all hidden is not on anyone's path, so being on it is being shown it.
  assert.deepEqual(shownAnswered(json), ['eligible 2/2', 'why 1/0 ?', 'last 1/1']);
  const body = (await browser.get('/admin/surveys/early')).body;
  assert.match(body, /<th scope="row">1\. Are you eligible\?<\/th><td class="num">2<\/td>/);
  assert.match(body, /<th scope="row">3\. Done\?<\/th><td class="num">1<\/td>/);
  assert.doesNotMatch(body, /Page 1:/);
});

// QA: a skipped optional question read as respondents dropping out, and the statement page was
// missing, where §10 counts the pages submitted.
test('the drop-off of a questions: file counts who submitted each page, statements and skipped optional questions included', async () => {
  const app = await start();
  const finished = app.browser();
  await begin(finished, 'skips');
  for (const [n, form] of [
    [0, {}],
    [1, { answer: '' }],
    [2, { answer: 'yes' }],
  ] as const) {
    const posted = await finished.post(page('skips', n), form);
    assert.equal(posted.status, 303, `page ${n}: ${posted.body}`);
  }
  const stopped = app.browser();
  await begin(stopped, 'skips');
  assert.equal((await stopped.post(page('skips', 0), {})).status, 303);
  const browser = await admin(app);
  const json = await results(browser, 'skips');
  assert.deepEqual(pageLines(json), ['intro 2/2', 'note 2/1', 'last 1/1']);
  assert.deepEqual(shownAnswered(json), ['note 2/0', 'last 1/1']);
  const body = (await browser.get('/admin/surveys/skips')).body;
  assert.match(body, /respondents who reached and submitted each question, of 2 who started/);
  assert.match(
    body,
    /<th scope="row">2\. Anything to add\?<\/th><td class="num">2<\/td><td class="num">1<\/td>/,
  );
  assert.match(body, /<th scope="row">1\. Three short questions\.<\/th>/);
});
