import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { QUESTIONS_PER_PAGE } from '../../src/domain/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import type { Browser } from '../support/browser.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue 18 item 5: the results of a long survey come 50 questions a page. (How long a page
 * blocks the server is measured by `npm run bench:results`, not asserted here.)
 */
const QUESTIONS = 120;
const survey = makeSurvey('long', {
  title: 'Long survey',
  questions: Array.from({ length: QUESTIONS }, (_, i) => ({
    text: `Question ${i + 1}?`,
    choices: ['Red', 'Green', 'Blue'],
  })),
});

let t: TestApp;
let admin: Browser;
beforeEach(async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [survey] });
  admin = t.browser();
  await logInAsAdmin(admin);
});
afterEach(() => t.close());

/** Stores a response straight away that answers the first `count` questions 'Red'. */
async function respond(count: number): Promise<void> {
  const versionId = (await t.storage.listVersions('long'))[0]?.id;
  assert.ok(versionId !== undefined);
  const responseId = await t.storage.createResponse({
    survey: 'long',
    versionId,
    startedAt: new Date(),
  });
  for (let question = 0; question < count; question++) {
    await t.storage.recordAnswer({
      responseId,
      survey: 'long',
      question,
      answer: 'Red',
      comment: null,
      completes: question === QUESTIONS - 1,
      at: new Date(),
    });
  }
}

/** The question numbers whose result sections a page shows. */
function sections(body: string): number[] {
  return [...body.matchAll(/<h3 id="q(\d+)-heading">/g)].map((m) => Number(m[1]) + 1);
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('page 1 shows questions 1–50 and links to the other pages', async () => {
  assert.equal(QUESTIONS_PER_PAGE, 50);
  const page = await admin.get('/admin/surveys/long');
  assert.equal(page.status, 200);
  assert.deepEqual(sections(page.body), range(1, 50));
  assert.match(page.body, /Questions 1–50 of 120\./);
  const nav = /<nav class="pager" aria-label="Question pages">.*?<\/nav>/s.exec(page.body)?.[0];
  assert.ok(nav);
  assert.doesNotMatch(nav, /rel="prev"/);
  assert.match(nav, /<a rel="next" href="\/admin\/surveys\/long\?version=1&amp;page=2">Next<\/a>/);
  assert.match(
    nav,
    /<a href="\/admin\/surveys\/long\?version=1&amp;page=1" aria-current="page" aria-label="Questions page 1">1<\/a>/,
  );
  assert.match(nav, /href="\/admin\/surveys\/long\?version=1&amp;page=3"/);
});

test('the last page shows the remaining questions and links back', async () => {
  const page = await admin.get('/admin/surveys/long?page=3');
  assert.equal(page.status, 200);
  assert.deepEqual(sections(page.body), range(101, 120));
  assert.match(page.body, /Questions 101–120 of 120\./);
  assert.match(page.body, /<a rel="prev" href="\/admin\/surveys\/long\?version=1&amp;page=2">/);
  assert.doesNotMatch(page.body, /rel="next"/);
  assert.match(page.body, /aria-current="page" aria-label="Questions page 3"/);
});

test('a page past the last, or not a page number, is a 404', async () => {
  for (const query of ['page=4', 'page=0', 'page=1.5', 'page=x', 'version=1&page=99']) {
    assert.equal((await admin.get(`/admin/surveys/long?${query}`)).status, 404, query);
  }
});

test('the drop-off of a later page starts from those who answered the question before it', async () => {
  await respond(QUESTIONS); // complete
  await respond(60); // stops on page 2
  await respond(50); // stops at the end of page 1
  const page = await admin.get('/admin/surveys/long?page=2');
  const rows = [
    ...page.body.matchAll(
      /<tr><th scope="row">(\d+)\. [^<]*<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/g,
    ),
  ].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  assert.deepEqual(rows[0], [51, 3, 2]);
  assert.deepEqual(rows[9], [60, 2, 2]);
  assert.deepEqual(rows[10], [61, 2, 1]);
  assert.equal(rows.length, 50);
  assert.match(page.body, /3 started, 1 completed/);
});

test('comment pages keep the page of questions', async () => {
  const page = await admin.get('/admin/surveys/long?page=2&comments=2');
  assert.equal(page.status, 200);
  assert.deepEqual(sections(page.body), range(51, 100));
  assert.match(
    page.body,
    /<a rel="prev" href="\/admin\/surveys\/long\?version=1&amp;page=2&amp;comments=1#comments">/,
  );
});
