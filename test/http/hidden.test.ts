/**
 * Issue 15 item 6: hidden fields (SURVEYS.md §6) taken from the start page's link, carried by
 * its form through `begin` (and checked there again), stored with the response, exported as
 * §9 says, and flagged as unverified on the results page; on the test engine.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { answerAll } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const TAGGED = makeSurvey('tagged', {
  title: 'Tagged',
  hidden: ['source', 'team'],
  questions: [{ text: 'Happy?' }],
});
const PLAIN = makeSurvey('plain', { title: 'Plain', questions: [{ text: 'Happy?' }] });

const start = () =>
  startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [TAGGED, PLAIN] }).then((app) => {
    t = app;
    return app;
  });

const UNESCAPE: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The fields a page's begin forms carry besides the CSRF token, as a browser would send them. */
function carried(body: string): Record<string, string> {
  const form = /<form method="post" action="[^"]*\/begin">(.*?)<\/form>/s.exec(body)?.[1] ?? '';
  return Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)]
      .filter((m) => m[1] !== '_csrf')
      .map((m): [string, string] => [
        m[1] ?? '',
        (m[2] ?? '').replace(/&[a-z0-9#]+;/g, (e) => UNESCAPE[e] ?? e),
      ]),
  );
}

/** Opens `start` (the start page's address with its query) and begins with what its form carries. */
async function beginFrom(browser: Browser, start: string): Promise<Record<string, string>> {
  const page = await browser.get(start);
  assert.equal(page.status, 200);
  const fields = carried(page.body);
  const begun = await browser.post(`${start.split('?')[0]}/begin`, fields);
  assert.equal(begun.status, 303);
  return fields;
}

test('records the link’s hidden fields with the response, carried by the start form through begin', async () => {
  const app = await start();
  const browser = app.browser();
  const link = `/surveys/tagged?team=${encodeURIComponent('<b>"Ops" & co</b>')}&source=mail&utm=x`;
  const page = await browser.get(link);
  // Escaped in the page, in the survey's order, unknown parameters left out.
  assert.match(
    page.body,
    /<input type="hidden" name="_csrf" value="[^"]+"><input type="hidden" name="source" value="mail"><input type="hidden" name="team" value="&lt;b&gt;&quot;Ops&quot; &amp; co&lt;\/b&gt;"><button/,
  );
  assert.deepEqual(await beginFrom(browser, link), { source: 'mail', team: '<b>"Ops" & co</b>' });
  const [stored] = await app.storage.listResponses('tagged');
  assert.deepEqual(stored?.hidden, { source: 'mail', team: '<b>"Ops" & co</b>' });
});

test('ignores a value over 200 characters, a repeated parameter and an empty one, and keeps 200', async () => {
  const app = await start();
  const browser = app.browser();
  const fields = await beginFrom(
    browser,
    `/surveys/tagged?source=${'s'.repeat(201)}&team=a&team=b`,
  );
  assert.deepEqual(fields, {});
  const other = app.browser();
  assert.deepEqual(await beginFrom(other, `/surveys/tagged?source=${'s'.repeat(200)}&team=`), {
    source: 's'.repeat(200),
  });
  const stored = await app.storage.listResponses('tagged');
  assert.deepEqual(
    stored.map((r) => r.hidden),
    [undefined, { source: 's'.repeat(200) }],
  );
});

test('begin checks the posted fields again: too long, repeated or unknown ones are not stored', async () => {
  const app = await start();
  const browser = app.browser();
  assert.equal((await browser.get('/surveys/tagged')).status, 200);
  const begun = await browser.post('/surveys/tagged/begin', {
    source: 's'.repeat(201),
    team: ['a', 'b'],
    campaign: 'spring',
  });
  assert.equal(begun.status, 303);
  const again = app.browser();
  assert.equal((await again.get('/surveys/tagged')).status, 200);
  await again.post('/surveys/tagged/begin', { team: 'blue', campaign: 'spring' });
  const stored = await app.storage.listResponses('tagged');
  assert.deepEqual(
    stored.map((r) => r.hidden),
    [undefined, { team: 'blue' }],
  );
});

test('ignores a value holding a NUL character, which PostgreSQL cannot store, on the start page and at begin', async () => {
  const app = await start();
  // The start form leaves it out; the rest of the link is kept.
  assert.deepEqual(await beginFrom(app.browser(), '/surveys/tagged?source=a%00b&team=blue'), {
    team: 'blue',
  });
  const posted = app.browser();
  assert.equal((await posted.get('/surveys/tagged')).status, 200);
  assert.equal((await posted.post('/surveys/tagged/begin', { source: 'a\u0000b' })).status, 303);
  const stored = await app.storage.listResponses('tagged');
  assert.deepEqual(
    stored.map((r) => r.hidden),
    [{ team: 'blue' }, undefined],
  );
});

test('counts a value’s characters as people do: 200 emoji are kept, 201 ignored', async () => {
  const app = await start();
  const kept = '😀'.repeat(200);
  const long = '😀'.repeat(201);
  assert.deepEqual(
    await beginFrom(app.browser(), `/surveys/tagged?source=${encodeURIComponent(kept)}`),
    { source: kept },
  );
  assert.deepEqual(
    await beginFrom(app.browser(), `/surveys/tagged?source=${encodeURIComponent(long)}`),
    {},
  );
  const posted = app.browser();
  assert.equal((await posted.get('/surveys/tagged')).status, 200);
  assert.equal((await posted.post('/surveys/tagged/begin', { team: long })).status, 303);
  const stored = await app.storage.listResponses('tagged');
  assert.deepEqual(
    stored.map((r) => r.hidden),
    [{ source: kept }, undefined, undefined],
  );
});

test('exports a column per hidden field after completed_at and "hidden" in JSON, guarded against formulas', async () => {
  const app = await start();
  const first = app.browser();
  await beginFrom(first, `/surveys/tagged?source=${encodeURIComponent('=HYPERLINK("x")')}`);
  await answerAll(first, 'tagged', ['Yes']);
  const second = app.browser();
  await beginFrom(second, '/surveys/tagged?team=blue');
  await answerAll(second, 'tagged', ['No']);
  const [a, b] = await app.storage.listResponses('tagged');
  assert.ok(a && b);

  const admin = app.browser();
  await logInAsAdmin(admin);
  const csv = await admin.get('/admin/surveys/tagged/responses.csv');
  assert.equal(csv.status, 200);
  assert.deepEqual(csv.body.split('\r\n'), [
    'id,started_at,completed_at,source,team,Happy?',
    `${a.id},${a.startedAt},${a.completedAt},"'=HYPERLINK(""x"")",,Yes`,
    `${b.id},${b.startedAt},${b.completedAt},,blue,No`,
    '',
  ]);
  const json = await admin.get('/admin/surveys/tagged/responses.json');
  const { responses } = JSON.parse(json.body) as {
    responses: { hidden?: unknown; answers: unknown[] }[];
  };
  assert.deepEqual(
    responses.map((r) => [Object.keys(r), r.hidden]),
    [
      [['id', 'startedAt', 'completedAt', 'hidden', 'answers'], { source: '=HYPERLINK("x")' }],
      [['id', 'startedAt', 'completedAt', 'hidden', 'answers'], { team: 'blue' }],
    ],
  );
});

test('a survey without hidden fields ignores link parameters and exports as before', async () => {
  const app = await start();
  const browser = app.browser();
  const bare = await browser.get('/surveys/plain');
  const linked = await browser.get('/surveys/plain?source=mail&team=blue');
  assert.equal(linked.body, bare.body);
  assert.deepEqual(await beginFrom(browser, '/surveys/plain?source=mail'), {});
  await answerAll(browser, 'plain', ['Yes']);
  const [stored] = await app.storage.listResponses('plain');
  assert.ok(stored !== undefined && !('hidden' in stored));

  const admin = app.browser();
  await logInAsAdmin(admin);
  const csv = await admin.get('/admin/surveys/plain/responses.csv');
  assert.deepEqual(csv.body.split('\r\n'), [
    'id,started_at,completed_at,Happy?',
    `${stored.id},${stored.startedAt},${stored.completedAt},Yes`,
    '',
  ]);
  const json = await admin.get('/admin/surveys/plain/responses.json');
  const { responses } = JSON.parse(json.body) as { responses: object[] };
  assert.deepEqual(
    responses.map((r) => Object.keys(r)),
    [['id', 'startedAt', 'completedAt', 'answers']],
  );
});

test('the results page says hidden values come from the link and are not verified', async () => {
  const app = await start();
  const admin = app.browser();
  await logInAsAdmin(admin);
  const tagged = await admin.get('/admin/surveys/tagged');
  assert.equal(tagged.status, 200);
  assert.match(
    tagged.body,
    /<p class="meta hidden-fields">Hidden fields \(source, team\) are recorded from the link each respondent opened: anyone can change a link, so these values are not verified\.<\/p>/,
  );
  const plain = await admin.get('/admin/surveys/plain');
  assert.equal(plain.status, 200);
  assert.doesNotMatch(plain.body, /hidden-fields|Hidden fields/);
});
