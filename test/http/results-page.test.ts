import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { canonicalDefinition } from '../../src/domain/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { everyKind, EVERY_KIND, EVERY_KIND_ANSWERS, storeResponse } from '../support/results.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SURVEY = everyKind('kinds');

const ANSWERS = {
  ...EVERY_KIND_ANSWERS,
  d: { kind: 'other', text: 'a <b>bike</b>' },
  rk: [
    { id: 'b', rank: 1 },
    { id: 'a', rank: 2 },
  ],
};

async function seeded(count = 1): Promise<TestApp> {
  const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [SURVEY] });
  const [version] = await app.storage.listVersions('kinds');
  assert.ok(version !== undefined);
  for (let i = 0; i < count; i++) {
    await storeResponse(app.storage, SURVEY, version.id, { ...ANSWERS, t: `answer ${i + 1}` });
  }
  return app;
}

async function page(app: TestApp, query = '') {
  const admin = app.browser();
  await logInAsAdmin(admin);
  return admin.get(`/admin/surveys/kinds${query}`);
}

/** The `<section>` of the question at 0-based `index`. */
function section(body: string, index: number): string {
  const match = new RegExp(
    `<section class="result" aria-labelledby="q${index}-heading">[\\s\\S]*?</section>`,
  ).exec(body);
  assert.ok(match, `section q${index}`);
  return match[0];
}

const at = (id: string) => EVERY_KIND.findIndex((q) => q.id === id);

test('each kind has its own chart and table, with no inline style', async () => {
  t = await seeded();
  const { status, body } = await page(t);
  assert.equal(status, 200);
  assert.doesNotMatch(body, /style=/);
  assert.match(
    section(body, at('c')),
    /<tr><th scope="row"><a href="\?version=1&amp;filter=c%3Aa">a<\/a><\/th><td class="num">1<\/td><td class="num">100%<\/td><\/tr>/,
  );
  // Other: a bar of its own and the texts, escaped.
  const dropdown = section(body, at('d'));
  assert.match(dropdown, /<th scope="row">Other<\/th><td class="num">1<\/td>/);
  assert.match(dropdown, /a &lt;b&gt;bike&lt;\/b&gt;/);
  assert.match(section(body, at('m')), /may total more than 100%/);
  assert.match(section(body, at('t')), /<li><span class="meta">#\d+<\/span> answer 1<\/li>/);
  const number = section(body, at('n'));
  assert.match(number, /<th scope="row">Mean<\/th><td class="num">4<\/td>/);
  assert.match(number, /<svg class="chart histogram" role="img"/);
  assert.match(number, /<tr><th scope="row">4<\/th><td class="num">1<\/td><\/tr>/);
  assert.match(
    section(body, at('dt')),
    /<th scope="row">Earliest<\/th><td class="num">2026-01-02<\/td>/,
  );
  const rating = section(body, at('r'));
  assert.match(rating, /<svg class="chart histogram" role="img"/);
  assert.match(rating, /<th scope="row">Median<\/th><td class="num">5<\/td>/);
  const nps = section(body, at('p'));
  assert.match(nps, /<svg class="chart nps-chart" role="img"/);
  assert.match(nps, /<th scope="row">Net Promoter Score<\/th><td class="num">100<\/td>/);
  const grid = section(body, at('g'));
  assert.match(grid, /<table class="data-table heat-table">/);
  assert.match(grid, /<th scope="row">r1<\/th><td class="num heat-5">1 \(100%\)<\/td>/);
  const ranking = section(body, at('rk'));
  assert.match(ranking, /<th scope="col" class="num">Rank 3<\/th>/);
  assert.match(
    ranking,
    /<th scope="row">b<\/th><td class="num heat-5">1<\/td><td class="num heat-0">0<\/td>/,
  );
  // A statement has nothing to count.
  assert.doesNotMatch(body, new RegExp(`aria-labelledby="q${at('st')}-heading"`));
});

test('text answers come ten at a time, with links between their pages', async () => {
  t = await seeded(12);
  const first = await page(t);
  const texts = section(first.body, at('t'));
  assert.equal(texts.match(/<li>/g)?.length, 10);
  const next = /<a rel="next" href="([^"]+)">Page 2<\/a>/.exec(texts)?.[1];
  assert.ok(next);
  assert.match(next, /answers=t&amp;answersPage=2/);
  const admin = t.browser();
  await logInAsAdmin(admin);
  const second = await admin.get(next.replaceAll('&amp;', '&'));
  assert.equal(second.status, 200);
  const rest = section(second.body, at('t'));
  assert.deepEqual(
    [...rest.matchAll(/<li><span class="meta">#\d+<\/span> (answer \d+)<\/li>/g)].map((m) => m[1]),
    ['answer 11', 'answer 12'],
  );
  assert.match(rest, /rel="prev"/);
});

test('by default the page adds up the versions and says so; a version picked is shown alone', async () => {
  t = await seeded(2);
  const v2 = everyKind('kinds', [{ id: 'intro', type: 'yesno', text: 'Intro' }, ...EVERY_KIND]);
  const definition = canonicalDefinition(v2);
  const stored = await t.storage.registerVersion({
    survey: 'kinds',
    hash: definition,
    definition,
    at: new Date(),
  });
  await storeResponse(t.storage, v2, stored.id, { intro: 'no', c: { kind: 'choice', id: 'b' } });
  const all = await page(t);
  assert.match(all.body, /2 versions added up: 3 started, 2 completed/);
  assert.match(all.body, /same id, type and choices/);
  assert.match(
    all.body,
    /<a href="\/admin\/surveys\/kinds" aria-current="page">Versions added up<\/a>/,
  );
  assert.match(
    section(all.body, at('c')),
    /<th scope="row"><a href="\?filter=c%3Ab">b<\/a><\/th><td class="num">1<\/td><td class="num">33.3%<\/td>/,
  );
  const one = await page(t, '?version=1');
  assert.match(one.body, /Version 1 \(current\): 2 started, 2 completed/);
  assert.match(
    one.body,
    /<a href="\/admin\/surveys\/kinds\?version=1" aria-current="page">Version 1<\/a>/,
  );
  assert.match(
    section(one.body, at('c')),
    /<th scope="row"><a href="\?version=1&amp;filter=c%3Ab">b<\/a><\/th><td class="num">0<\/td><td class="num">0%<\/td>/,
  );
});

test('filters and completed=1 narrow the page and say what is counted', async () => {
  t = await seeded(2);
  const [version] = await t.storage.listVersions('kinds');
  assert.ok(version !== undefined);
  await storeResponse(t.storage, SURVEY, version.id, {
    c: { kind: 'choice', id: 'b' },
    d: null,
    yn: 'no',
  });
  const filtered = await page(t, '?filter=yn:no');
  assert.equal(filtered.status, 200);
  assert.match(filtered.body, /Counting “YN” is “No”\./);
  assert.match(filtered.body, /Version 1 \(current\): 1 started, 0 completed/);
  const completed = await page(t, '?completed=1');
  assert.match(completed.body, /Counting completed responses only\./);
  assert.match(completed.body, /2 started, 2 completed/);
  // The form's "(all responses)" sends an empty filter, which adds none.
  const form = await page(t, '?filter=yn:no&filter=');
  assert.match(form.body, /Counting “YN” is “No”\./);
  assert.match(form.body, /<option value="yn:no">No<\/option>/);
  assert.match(form.body, /<input type="hidden" name="filter" value="yn:no">/);
  const bad = await page(t, '?filter=yn:maybe');
  assert.equal(bad.status, 422);
  assert.match(bad.body, /has no choice &quot;maybe&quot;|has no choice "maybe"/);
});

test('comments of every version are listed by default, each under its own version’s question', async () => {
  const v1 = makeSurvey('talk', { title: 'Talk', questions: [{ text: 'Tea?', allowText: true }] });
  const v2 = makeSurvey('talk', {
    title: 'Talk',
    questions: [{ text: 'Hello?' }, { text: 'Coffee?', allowText: true }],
  });
  const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [v1] });
  t = app;
  const [first] = await app.storage.listVersions('talk');
  assert.ok(first !== undefined);
  const definition = canonicalDefinition(v2);
  const second = await app.storage.registerVersion({
    survey: 'talk',
    hash: definition,
    definition,
    at: new Date(),
  });
  const comment = async (versionId: number, question: number, text: string) => {
    const responseId = await app.storage.createResponse({
      survey: 'talk',
      versionId,
      startedAt: new Date(),
    });
    for (let q = 0; q <= question; q++) {
      await app.storage.recordAnswer({
        responseId,
        survey: 'talk',
        question: q,
        answer: 'Yes',
        comment: q === question ? text : null,
        completes: true,
        at: new Date(),
      });
    }
  };
  await comment(first.id, 0, 'from one');
  await comment(second.id, 1, 'from two');
  const admin = t.browser();
  await logInAsAdmin(admin);
  const all = await admin.get('/admin/surveys/talk');
  assert.match(all.body, /<td>Tea\?<\/td><td>Yes<\/td><td class="comment-text">from one<\/td>/);
  assert.match(all.body, /<td>Coffee\?<\/td><td>Yes<\/td><td class="comment-text">from two<\/td>/);
  const one = await admin.get('/admin/surveys/talk?version=2');
  assert.doesNotMatch(one.body, /from one/);
  assert.match(one.body, /from two/);
});
