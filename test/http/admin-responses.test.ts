/**
 * Issue 17 item 2: the owners' response list, one response's page, deleting one response or a
 * version's responses (confirmation page, CSRF-checked POST), and the audit log on the
 * dashboard, on the test engine (`CANVASS_TEST_ENGINE=postgres` for PostgreSQL).
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { canonicalDefinition, type Survey } from '../../src/domain/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, sampleSurveys, startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { COURSE, COURSE_ANSWERS } from '../support/course.js';
import { answerAll, begin, notices } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const TEA = makeSurvey('tea', {
  title: 'Tea',
  hidden: ['source'],
  questions: [
    { text: 'Tea or coffee?', choices: ['Tea', 'Coffee'], allowText: true },
    { text: 'Milk?', choices: ['Yes', 'No'] },
  ],
});
const OTHER = makeSurvey('other', { title: 'Other', questions: [{ text: 'Happy?' }] });

async function start(surveys: readonly Survey[] = [TEA, OTHER]): Promise<TestApp> {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys });
  return t;
}

async function admin(app: TestApp): Promise<Browser> {
  const browser = app.browser();
  await logInAsAdmin(browser);
  return browser;
}

/** One response of `tea` through the respondent's pages: complete with both answers, or not. */
async function takeTea(app: TestApp, complete: boolean): Promise<number> {
  const browser = app.browser();
  await begin(browser, 'tea');
  await answerAll(
    browser,
    'tea',
    complete ? [{ answer: 'Coffee', comment: 'strong, please' }, 'No'] : ['Tea'],
  );
  const responses = await app.storage.listResponses('tea');
  const last = responses.at(-1);
  assert.ok(last);
  return last.id;
}

/** The ids the list page links to, in order. */
const listedIds = (body: string) =>
  [...body.matchAll(/<a href="\/admin\/surveys\/tea\/responses\/(\d+)">#\d+<\/a>/g)].map((m) =>
    Number(m[1]),
  );

const unescape = (s: string) => s.replaceAll('&amp;', '&');

test('lists a survey’s responses newest first, 50 a page, with older pages by keyset', async () => {
  const app = await start();
  const [version] = await app.storage.listVersions('tea');
  assert.ok(version);
  const ids: number[] = [];
  for (let i = 0; i < 53; i++) {
    ids.push(
      await app.storage.createResponse({
        survey: 'tea',
        versionId: version.id,
        startedAt: new Date(Date.UTC(2026, 2, 14, 9, i)),
        hidden: { source: `mail-${i}` },
      }),
    );
  }
  const done = await takeTea(app, true);
  const [other] = await app.storage.listVersions('other');
  assert.ok(other);
  await app.storage.createResponse({ survey: 'other', versionId: other.id, startedAt: new Date() });
  const browser = await admin(app);
  const first = await browser.get('/admin/surveys/tea/responses');
  assert.equal(first.status, 200);
  const newest = [done, ...ids.slice().reverse()];
  assert.deepEqual(listedIds(first.body), newest.slice(0, 50));
  assert.match(
    first.body,
    /<td class="num">1<\/td><td><time datetime="[^"]+">[^<]+ UTC<\/time><\/td><td><time/,
  );
  assert.match(first.body, /<td>partial<\/td>/);
  // The list says nothing a respondent gave: no hidden field values, no answers.
  assert.doesNotMatch(first.body, /mail-|Coffee/);
  const older = /<a rel="next" href="([^"]+)">Older responses<\/a>/.exec(first.body)?.[1];
  assert.equal(older, `/admin/surveys/tea/responses?before=${newest[49]}`);
  assert.doesNotMatch(first.body, /Newest responses/);
  const second = await browser.get(unescape(older));
  assert.equal(second.status, 200);
  assert.deepEqual(listedIds(second.body), newest.slice(50));
  assert.match(second.body, /<a href="\/admin\/surveys\/tea\/responses">Newest responses<\/a>/);
  assert.doesNotMatch(second.body, /Older responses/);
  for (const bad of ['?before=abc', '?before=0', '?before=99999999999']) {
    assert.equal((await browser.get(`/admin/surveys/tea/responses${bad}`)).status, 404, bad);
  }
  assert.equal((await browser.get('/admin/surveys/nope/responses')).status, 404);
});

const MEAL = makeSurvey('meal', {
  title: { en: 'Meal', fr: 'Repas' },
  languages: ['en', 'fr'],
  questions: [{ text: { en: 'Hungry?', fr: 'Faim ?' } }],
});

test('for a survey with languages, the list and the response page show the language each response began in', async () => {
  const app = await start([TEA, MEAL]);
  const french = app.browser();
  assert.equal((await french.get('/surveys/meal?lang=fr')).status, 200);
  assert.equal((await french.post('/surveys/meal/begin')).status, 303);
  await begin(app.browser(), 'meal');
  await takeTea(app, false);
  const [first, second] = await app.storage.listResponses('meal');
  assert.ok(first && second);
  const browser = await admin(app);
  const list = await browser.get('/admin/surveys/meal/responses');
  assert.equal(list.status, 200);
  assert.match(list.body, /<th scope="col">Completed<\/th><th scope="col">Language<\/th><\/tr>/);
  assert.match(
    list.body,
    new RegExp(`responses/${second.id}">#${second.id}</a></th>.*?<td>English \\(en\\)</td></tr>`),
  );
  assert.match(
    list.body,
    new RegExp(`responses/${first.id}">#${first.id}</a></th>.*?<td>French \\(fr\\)</td></tr>`),
  );
  const page = await browser.get(`/admin/surveys/meal/responses/${first.id}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /not completed \(partial\)\. Language: French \(fr\)\.<\/p>/);
  // A survey without languages shows no language, as before.
  const tea = await browser.get('/admin/surveys/tea/responses');
  assert.doesNotMatch(tea.body, /Language/);
});

test('the results page links to the responses, and the list needs an admin session', async () => {
  const app = await start();
  const anonymous = app.browser();
  const closed = await anonymous.get('/admin/surveys/tea/responses');
  assert.equal(closed.status, 302);
  assert.equal(closed.location, '/admin/login');
  const browser = await admin(app);
  const results = await browser.get('/admin/surveys/tea');
  assert.match(
    results.body,
    /<a class="button button-secondary" href="\/admin\/surveys\/tea\/responses">Responses<\/a>/,
  );
});

test('shows one response of every kind as the respondent gave it, in its own version’s texts', async () => {
  const app = await start(await sampleSurveys());
  const respondent = app.browser();
  await begin(respondent, COURSE);
  for (const [qid, form] of COURSE_ANSWERS.entries()) {
    assert.equal((await respondent.get(`/surveys/${COURSE}/questions/${qid}`)).status, 200);
    assert.equal((await respondent.post(`/surveys/${COURSE}/questions/${qid}`, form)).status, 303);
  }
  const [stored] = await app.storage.listResponses(COURSE);
  assert.ok(stored?.completedAt);
  const browser = await admin(app);
  const page = await browser.get(`/admin/surveys/${COURSE}/responses/${stored.id}`);
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`<h1>Response #${stored.id}</h1>`));
  assert.match(page.body, /Version 1\. Started <time datetime="[^"]+">/);
  assert.match(page.body, /completed <time datetime="[^"]+">/);
  const choices = [...page.body.matchAll(/<p class="answer-choice">([^<]*)<\/p>/g)].map(
    (m) => m[1],
  );
  assert.deepEqual(choices, [
    'Another track',
    'Lisbon',
    'No',
    'Testing, Databases, Other',
    '7.5',
    '2026-03-14',
    '4',
    '9',
    'The explanations were clear: Agree; The pace was right: Neutral; Feedback came in time: Disagree',
    'More mentoring, More exercises',
    '=SUM(A1) was fun',
    'No answer',
    'ada@example.org',
    'Yes',
  ]);
  const others = [...page.body.matchAll(/<p class="answer-other">Other: ([^<]*)<\/p>/g)].map(
    (m) => m[1],
  );
  assert.deepEqual(others, ['Security', 'Pairing']);
  assert.match(
    page.body,
    /<li value="2"><p class="answer-question">Which track did you follow\?<\/p>/,
  );
  assert.doesNotMatch(page.body, /Hidden fields/);
});

test('shows the comment and the hidden fields, marked unverified; a partial response says so', async () => {
  const app = await start();
  const done = await takeTea(app, true);
  const partial = await takeTea(app, false);
  const [version] = await app.storage.listVersions('tea');
  assert.ok(version);
  const tagged = await app.storage.createResponse({
    survey: 'tea',
    versionId: version.id,
    startedAt: new Date(),
    hidden: { source: '<b>mail</b>' },
  });
  const browser = await admin(app);
  const one = await browser.get(`/admin/surveys/tea/responses/${done}`);
  assert.match(
    one.body,
    /<p class="answer-choice">Coffee<\/p><p class="answer-comment">Comment: strong, please<\/p>/,
  );
  assert.match(one.body, /<p class="answer-question">Milk\?<\/p><p class="answer-choice">No<\/p>/);
  const two = await browser.get(`/admin/surveys/tea/responses/${partial}`);
  assert.match(two.body, /not completed \(partial\)/);
  const three = await browser.get(`/admin/surveys/tea/responses/${tagged}`);
  assert.match(three.body, /Hidden fields <span class="meta">\(unverified\)<\/span>/);
  assert.match(
    three.body,
    /<th scope="row">source<\/th><td class="comment-text">&lt;b&gt;mail&lt;\/b&gt;<\/td>/,
  );
  assert.match(three.body, /<p>No answers\.<\/p>/);
});

test('an unknown id, another survey’s id or a malformed id is a 404', async () => {
  const app = await start();
  const tea = await takeTea(app, true);
  const [other] = await app.storage.listVersions('other');
  assert.ok(other);
  const elsewhere = await app.storage.createResponse({
    survey: 'other',
    versionId: other.id,
    startedAt: new Date(),
  });
  const browser = await admin(app);
  for (const path of [
    `/admin/surveys/tea/responses/${elsewhere}`,
    `/admin/surveys/other/responses/${tea}`,
    `/admin/surveys/tea/responses/${tea + 1000}`,
    '/admin/surveys/tea/responses/abc',
    '/admin/surveys/tea/responses/-1',
    '/admin/surveys/tea/responses/99999999999',
    `/admin/surveys/nope/responses/${tea}`,
    `/admin/surveys/other/responses/${tea}/delete`,
    '/admin/surveys/tea/versions/2/clear',
    '/admin/surveys/tea/versions/x/clear',
    '/admin/surveys/nope/versions/1/clear',
  ]) {
    assert.equal((await browser.get(path)).status, 404, path);
  }
  await browser.get('/admin'); // a page with the session's token
  const posted = await browser.post(`/admin/surveys/other/responses/${tea}/delete`, {});
  assert.equal(posted.status, 404);
  const cleared = await browser.post('/admin/surveys/tea/versions/2/clear', {});
  assert.equal(cleared.status, 404);
  assert.ok(await app.storage.getResponse(tea));
});

test('deleting a response needs the session’s CSRF token: without it, 403 and nothing goes', async () => {
  const app = await start();
  const id = await takeTea(app, true);
  const browser = await admin(app);
  for (const form of [{ _csrf: 'not-the-token' }, { _csrf: '' }]) {
    const posted = await browser.post(`/admin/surveys/tea/responses/${id}/delete`, form);
    assert.equal(posted.status, 403);
  }
  const cleared = await browser.post('/admin/surveys/tea/versions/1/clear', { _csrf: 'nope' });
  assert.equal(cleared.status, 403);
  assert.ok(await app.storage.getResponse(id));
  assert.equal((await app.storage.listAudit(20)).length, 0);
});

test('a response is deleted through its confirmation page; results, exports and the audit log follow', async () => {
  const app = await start();
  const keep = await takeTea(app, true);
  const gone = await takeTea(app, true);
  const browser = await admin(app);
  const page = await browser.get(`/admin/surveys/tea/responses/${gone}`);
  assert.match(
    page.body,
    new RegExp(
      `<form method="get" action="/admin/surveys/tea/responses/${gone}/delete"[^>]*><button type="submit"[^>]*>Delete this response</button>`,
    ),
  );
  const confirm = await browser.get(`/admin/surveys/tea/responses/${gone}/delete`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, new RegExp(`<h1>Delete response #${gone}\\?</h1>`));
  assert.match(
    confirm.body,
    new RegExp(
      `<form method="post" action="/admin/surveys/tea/responses/${gone}/delete"[^>]*><input type="hidden" name="_csrf" value="[^"]+"><button type="submit"[^>]*>Delete</button>`,
    ),
  );
  // Looking is harmless.
  assert.ok(await app.storage.getResponse(gone));
  const posted = await browser.post(`/admin/surveys/tea/responses/${gone}/delete`, {});
  assert.equal(posted.status, 303);
  assert.equal(posted.location, '/admin/surveys/tea/responses');
  const list = await browser.get('/admin/surveys/tea/responses');
  assert.deepEqual(notices(list.body), [`Response #${gone} was deleted.`]);
  assert.deepEqual(listedIds(list.body), [keep]);
  assert.equal(await app.storage.getResponse(gone), undefined);
  assert.equal((await browser.get(`/admin/surveys/tea/responses/${gone}`)).status, 404);
  // Deleting again finds nothing.
  assert.equal((await browser.post(`/admin/surveys/tea/responses/${gone}/delete`, {})).status, 404);

  const csv = await browser.get('/admin/surveys/tea/responses.csv');
  const rows = csv.body.trim().split('\r\n');
  assert.equal(rows.length, 2);
  assert.match(rows[1] ?? '', new RegExp(`^${keep},`));
  const results = await browser.get('/admin/surveys/tea');
  assert.match(results.body, /Version 1 \(current\): 1 started, 1 completed/);

  const dashboard = await browser.get('/admin');
  assert.match(dashboard.body, /<a href="#audit-log">Audit log<\/a>/);
  assert.match(
    dashboard.body,
    new RegExp(
      `<td>Response deleted</td><td>tea</td><td>Response #${gone} of version 1 \\(completed, started [^)]+\\)</td>`,
    ),
  );
  const [entry] = await app.storage.listAudit(20);
  assert.equal(entry?.action, 'response-deleted');
  assert.equal(entry.survey, 'tea');
});

test('clearing a version deletes its responses only, with their answers, and is audited', async () => {
  const app = await start();
  const first = await takeTea(app, true);
  await takeTea(app, false);
  const v2 = makeSurvey('tea', {
    title: 'Tea',
    questions: [{ text: 'Green or black?', choices: ['Green', 'Black'] }],
  });
  const definition = canonicalDefinition(v2);
  const second = await app.storage.registerVersion({
    survey: 'tea',
    hash: definition,
    definition,
    at: new Date(),
  });
  const kept = await app.storage.createResponse({
    survey: 'tea',
    versionId: second.id,
    startedAt: new Date(),
  });
  await app.storage.recordAnswer({
    responseId: kept,
    survey: 'tea',
    question: 0,
    answer: 'Green',
    comment: null,
    completes: true,
    at: new Date(),
  });
  const browser = await admin(app);
  const list = await browser.get('/admin/surveys/tea/responses');
  assert.match(
    list.body,
    /<a href="\/admin\/surveys\/tea\/versions\/1\/clear">Delete all responses of version 1<\/a> <span class="meta">\(2 started, 1 completed\)<\/span>/,
  );
  const confirm = await browser.get('/admin/surveys/tea/versions/1/clear');
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, /<h1>Delete all responses of version 1\?<\/h1>/);
  assert.match(
    confirm.body,
    /<form method="post" action="\/admin\/surveys\/tea\/versions\/1\/clear"/,
  );
  const posted = await browser.post('/admin/surveys/tea/versions/1/clear', {});
  assert.equal(posted.status, 303);
  assert.equal(posted.location, '/admin/surveys/tea/responses');
  const after = await browser.get('/admin/surveys/tea/responses');
  assert.deepEqual(notices(after.body), ['Version 1: 2 responses deleted.']);
  assert.deepEqual(listedIds(after.body), [kept]);
  assert.equal(await app.storage.getResponse(first), undefined);
  const stored = await app.storage.listResponses('tea');
  assert.deepEqual(
    stored.map((r) => r.id),
    [kept],
  );
  assert.equal(stored[0]?.answers.length, 1);

  const versions = await app.storage.listVersions('tea');
  assert.deepEqual(
    versions.map((v) => [v.number, v.started, v.completed]),
    [
      [2, 1, 1],
      [1, 0, 0],
    ],
  );
  const csv = await browser.get('/admin/surveys/tea/responses.csv?version=1');
  assert.equal(csv.body.trim().split('\r\n').length, 1);
  const dashboard = await browser.get('/admin');
  assert.match(
    dashboard.body,
    /<td>Version cleared<\/td><td>tea<\/td><td>Version 1: 2 responses deleted<\/td>/,
  );
});

test('the dashboard shows the latest 20 audit entries, newest first', async () => {
  const app = await start();
  const ids: number[] = [];
  for (let i = 0; i < 22; i++) ids.push(await takeTea(app, false));
  const browser = await admin(app);
  for (const id of ids) {
    await browser.get(`/admin/surveys/tea/responses/${id}/delete`);
    assert.equal((await browser.post(`/admin/surveys/tea/responses/${id}/delete`, {})).status, 303);
  }
  const dashboard = await browser.get('/admin');
  const shown = [...dashboard.body.matchAll(/<td>Response #(\d+) of version 1/g)].map((m) =>
    Number(m[1]),
  );
  assert.deepEqual(shown, ids.slice(2).reverse());
});

test('the dashboard says when nothing has been deleted', async () => {
  const app = await start();
  const browser = await admin(app);
  const dashboard = await browser.get('/admin');
  assert.match(
    dashboard.body,
    /<h2 id="audit-log">Audit log<\/h2><p>No responses have been deleted\.<\/p>/,
  );
});
