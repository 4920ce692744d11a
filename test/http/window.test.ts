/**
 * Issue 16 item 2: opening, closing and caps (SURVEYS.md §8) through HTTP, on the test engine,
 * with the clock injected (never a sleep): the start page and `begin` before `opens`, after
 * `closes` and once full; the hour of grace for respondents under way; the last place raced
 * for by two respondents at once, in the classic flow, the path flow and on two instances
 * over one database.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import type { Browser, TestResponse } from '../support/browser.js';
import { answerAll, begin } from '../support/flow.js';

const apps: TestApp[] = [];
afterEach(async () => {
  // The second instance first: it leaves the database in place for the first to drop.
  for (const app of apps.splice(0).reverse()) await app.close();
});

const OPENS = '2030-03-01T09:00:00+01:00';
const CLOSES = '2030-03-08T17:00:00+01:00';
const HOUR = 60 * 60 * 1000;
const at = (iso: string, plus = 0) => Date.parse(iso) + plus;

const WINDOWED = makeSurvey('windowed', {
  title: 'Windowed',
  opens: OPENS,
  closes: CLOSES,
  questions: [{ text: 'Happy?' }, { text: 'Again?' }],
});
const CAPPED = makeSurvey('capped', {
  title: 'Capped',
  maxResponses: 1,
  closedMessage: 'Thank you, we have enough answers.',
  questions: [{ text: 'Happy?' }, { text: 'Again?' }],
});
const CAPPED_PATHS = makeSurvey('capped-paths', {
  title: 'Capped paths',
  maxResponses: 1,
  pages: [
    { id: 'one', questions: [{ id: 'happy', type: 'yesno', text: 'Happy?' }] },
    { id: 'two', questions: [{ id: 'again', type: 'yesno', text: 'Again?' }] },
  ],
});

/** An app on a clock the test moves (`clock.now`), optionally on another app's database. */
async function start(clock: { now: number }, databaseUrl?: string): Promise<TestApp> {
  const app = await startTestApp({
    surveys: [WINDOWED, CAPPED, CAPPED_PATHS],
    now: () => clock.now,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
  });
  apps.push(app);
  return app;
}

const startForm = /<form method="post" action="\/surveys\/[a-z-]+\/begin">/;

/** The one closed notice of a start page, or undefined. */
const notice = (body: string) => /<p class="closed" role="status">([^<]*)<\/p>/.exec(body)?.[1];

/**
 * `begin` of `slug` as a forged or stale form would send it: the closed start page has no
 * form, so the session's CSRF token comes from the start page of `open`, a survey still open.
 */
async function beginAnyway(browser: Browser, slug: string, open: string): Promise<TestResponse> {
  assert.match((await browser.get(`/surveys/${open}`)).body, startForm);
  return browser.post(`/surveys/${slug}/begin`);
}

async function submitPage(browser: Browser, slug: string, n: number, form: Record<string, string>) {
  const shown = await browser.get(`/surveys/${slug}/questions/${n}`);
  assert.equal(shown.status, 200, `page ${n} shows`);
  const revision = /name="revision" value="(\d+)"/.exec(shown.body)?.[1];
  assert.ok(revision !== undefined);
  return browser.post(`/surveys/${slug}/questions/${n}`, { revision, ...form });
}

test('before opens the start page says when it opens and begin refuses; from opens it begins', async () => {
  const clock = { now: at(OPENS, -1) };
  const app = await start(clock);
  const browser = app.browser();
  const page = await browser.get('/surveys/windowed');
  assert.equal(page.status, 200);
  assert.equal(
    notice(page.body),
    'This survey is not open yet, it opens on 2030-03-01 at 09:00 (UTC+01:00).',
  );
  assert.doesNotMatch(page.body, startForm);
  const refused = await beginAnyway(browser, 'windowed', 'capped');
  assert.equal(refused.status, 303);
  assert.equal(refused.location, '/surveys/windowed');
  assert.equal((await app.storage.listResponses('windowed')).length, 0);

  clock.now = at(OPENS);
  const open = await browser.get('/surveys/windowed');
  assert.equal(notice(open.body), undefined);
  assert.match(open.body, startForm);
  assert.equal(
    (await browser.post('/surveys/windowed/begin')).location,
    '/surveys/windowed/questions/0',
  );
});

test('after closes nobody begins, but someone under way may finish within the hour', async () => {
  const clock = { now: at(CLOSES, -HOUR) };
  const app = await start(clock);
  const early = app.browser();
  await begin(early, 'windowed');
  await answerAll(early, 'windowed', ['Yes']);

  clock.now = at(CLOSES);
  const late = app.browser();
  const closed = await late.get('/surveys/windowed');
  assert.equal(notice(closed.body), 'This survey is closed.');
  assert.doesNotMatch(closed.body, startForm);
  const refused = await beginAnyway(late, 'windowed', 'capped');
  assert.equal(refused.status, 303);
  assert.equal(refused.location, '/surveys/windowed');

  // The one under way sees the notice with a Continue link and no Start over, and finishes.
  const mine = await early.get('/surveys/windowed');
  assert.equal(notice(mine.body), 'This survey is closed.');
  assert.match(mine.body, /href="\/surveys\/windowed\/questions\/1">Continue<\/a>/);
  assert.doesNotMatch(mine.body, startForm);
  clock.now = at(CLOSES, HOUR - 1);
  const done = await answerAll(early, 'windowed', ['No'], 1);
  assert.equal(done.location, '/surveys/windowed/complete');
  const [stored] = await app.storage.listResponses('windowed');
  assert.notEqual(stored?.completedAt, null);
});

test('after the hour of grace a question page and its POST go to the start page, writing nothing', async () => {
  const clock = { now: at(CLOSES, -HOUR) };
  const app = await start(clock);
  const browser = app.browser();
  await begin(browser, 'windowed');
  const form = await browser.get('/surveys/windowed/questions/0');
  assert.equal(form.status, 200);

  clock.now = at(CLOSES, HOUR);
  const posted = await browser.post('/surveys/windowed/questions/0', { answer: 'Yes' });
  assert.equal(posted.status, 303);
  assert.equal(posted.location, '/surveys/windowed');
  const shown = await browser.get('/surveys/windowed/questions/0');
  assert.equal(shown.status, 302);
  assert.equal(shown.location, '/surveys/windowed');
  const [stored] = await app.storage.listResponses('windowed');
  assert.deepEqual(stored?.answers, []);
  // The start page says it is closed, and offers nothing.
  const startPage = await browser.follow(shown);
  assert.equal(notice(startPage.body), 'This survey is closed.');
  assert.doesNotMatch(startPage.body, /Continue<\/a>/);
  assert.doesNotMatch(startPage.body, startForm);
});

/** Two browsers at the last question of `slug`, both begun while there was a place. */
async function twoAtTheEnd(app: TestApp, slug: string, paths: boolean): Promise<Browser[]> {
  const browsers = [app.browser(), app.browser()];
  for (const browser of browsers) {
    await begin(browser, slug);
    if (paths) assert.equal((await submitPage(browser, slug, 0, { happy: 'yes' })).status, 303);
    else await answerAll(browser, slug, ['Yes']);
  }
  return browsers;
}

/** Checks that exactly one of two last POSTs completed and the other went to a full start page. */
async function oneWins(
  app: TestApp,
  slug: string,
  browsers: readonly Browser[],
  posts: readonly TestResponse[],
  message: string,
): Promise<void> {
  const locations = posts.map((p) => p.location).sort();
  assert.deepEqual(locations, [`/surveys/${slug}`, `/surveys/${slug}/complete`]);
  const responses = await app.storage.listResponses(slug);
  assert.equal(responses.filter((r) => r.completedAt !== null).length, 1);
  const loser = browsers[posts.findIndex((p) => p.location === `/surveys/${slug}`)] as Browser;
  const page = await loser.get(`/surveys/${slug}`);
  assert.equal(notice(page.body), message);
  assert.doesNotMatch(page.body, startForm);
  assert.doesNotMatch(page.body, /Continue<\/a>/);
  // The loser's response stays partial: one answer, not completed.
  const partial = responses.find((r) => r.completedAt === null);
  assert.equal(partial?.answers.length, 1);
}

test('two respondents finishing for the last place at once: one completes, the other sees closedMessage', async () => {
  const app = await start({ now: at(OPENS) });
  const browsers = await twoAtTheEnd(app, 'capped', false);
  for (const b of browsers) await b.get('/surveys/capped/questions/1');
  const posts = await Promise.all(
    browsers.map((b) => b.post('/surveys/capped/questions/1', { answer: 'No' })),
  );
  await oneWins(app, 'capped', browsers, posts, 'Thank you, we have enough answers.');
  // Once full, a newcomer's start page says so and begin refuses.
  const newcomer = app.browser();
  const page = await newcomer.get('/surveys/capped');
  assert.equal(notice(page.body), 'Thank you, we have enough answers.');
  const refused = await beginAnyway(newcomer, 'capped', 'windowed');
  assert.equal(refused.status, 303);
  assert.equal(refused.location, '/surveys/capped');
  assert.equal((await app.storage.listResponses('capped')).length, 2);
});

test('the last page of a path survey raced for the last place: one completes, the other writes nothing', async () => {
  const app = await start({ now: at(OPENS) });
  const browsers = await twoAtTheEnd(app, 'capped-paths', true);
  const shown = await Promise.all(browsers.map((b) => b.get('/surveys/capped-paths/questions/1')));
  const posts = await Promise.all(
    browsers.map((b, i) =>
      b.post('/surveys/capped-paths/questions/1', {
        revision: /name="revision" value="(\d+)"/.exec(shown[i]?.body ?? '')?.[1] ?? '',
        again: 'no',
      }),
    ),
  );
  await oneWins(
    app,
    'capped-paths',
    browsers,
    posts,
    'This survey has all the responses it needs.',
  );
});

test('two instances on one database racing for the last place: one completes', async () => {
  const clock = { now: at(OPENS) };
  const first = await start(clock);
  const second = await start(clock, first.databaseUrl);
  const browsers = [first.browser(), second.browser()];
  for (const browser of browsers) {
    await begin(browser, 'capped');
    await answerAll(browser, 'capped', ['Yes']);
    await browser.get('/surveys/capped/questions/1');
  }
  const posts = await Promise.all(
    browsers.map((b) => b.post('/surveys/capped/questions/1', { answer: 'No' })),
  );
  await oneWins(first, 'capped', browsers, posts, 'Thank you, we have enough answers.');
  // Both instances now say the survey is full.
  for (const app of [first, second]) {
    const page = await app.browser().get('/surveys/capped');
    assert.equal(notice(page.body), 'Thank you, we have enough answers.');
  }
});
