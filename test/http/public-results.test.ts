/**
 * Issue 17 item 6: a public results link per survey. The owner makes one on the results page
 * (CSRF-checked, shown once, only its hash stored); `/results/TOKEN` shows the admin page's own
 * figures, read-only, free text left out unless the link includes it; revoked, expired, unknown
 * or malformed links are a 404. On the test engine (`CANVASS_TEST_ENGINE=postgres` for PostgreSQL).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, test } from 'node:test';
import { canonicalDefinition } from '../../src/domain/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import type { Browser } from '../support/browser.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { EVERY_KIND, EVERY_KIND_ANSWERS, everyKind, storeResponse } from '../support/results.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SURVEY = everyKind('kinds');
const DAY = 86_400_000;
const at = (id: string) => EVERY_KIND.findIndex((q) => q.id === id);

/** An app with three responses to every kind, a clock the test moves, and a logged-in owner. */
async function seeded(): Promise<{ app: TestApp; admin: Browser; clock: { now: number } }> {
  const clock = { now: Date.parse('2026-03-01T12:00:00.000Z') };
  const app = await startTestApp({
    adminPassword: ADMIN_PASSWORD,
    surveys: [SURVEY],
    now: () => clock.now,
  });
  t = app;
  const [version] = await app.storage.listVersions('kinds');
  assert.ok(version !== undefined);
  for (const [i, c] of ['a', 'a', 'b'].entries()) {
    await storeResponse(app.storage, SURVEY, version.id, {
      ...EVERY_KIND_ANSWERS,
      c: { kind: 'choice', id: c },
      t: `secret text ${i + 1}`,
      n: 4 + i,
    });
  }
  const admin = app.browser();
  await logInAsAdmin(admin);
  return { app, admin, clock };
}

/** Makes a link through the results page's form; returns its token and the page shown. */
async function createLink(admin: Browser, form: Record<string, string> = {}, slug = 'kinds') {
  const results = await admin.get(`/admin/surveys/${slug}`);
  assert.equal(results.status, 200);
  assert.match(results.body, /<h2 id="public-link">Public link<\/h2>/);
  assert.match(
    results.body,
    new RegExp(`<form method="post" action="/admin/surveys/${slug}/public-links">`),
  );
  const created = await admin.post(`/admin/surveys/${slug}/public-links`, form);
  assert.equal(created.status, 201);
  const url =
    /<input id="public-link" class="input public-link" type="url" value="([^"]+)" readonly>/.exec(
      created.body,
    )?.[1];
  assert.ok(url, 'the link is shown');
  const token = /^http:\/\/localhost(?::80)?\/results\/([A-Za-z0-9_-]{43})$/.exec(url)?.[1];
  assert.ok(token, `an absolute /results/TOKEN link: ${url}`);
  return { token, created };
}

/** The `<section>` of the question at 0-based `index`. */
function section(body: string, index: number): string {
  const match = new RegExp(
    `<section class="result" aria-labelledby="q${index}-heading">[\\s\\S]*?</section>`,
  ).exec(body);
  assert.ok(match, `section q${index}`);
  return match[0];
}

/** The drop-off figure. */
function dropOff(body: string): string {
  const match = /<h2>Drop-off<\/h2>\n(<figure class="result">[\s\S]*?<\/figure>)/.exec(body);
  assert.ok(match, 'drop-off');
  return match[1] ?? '';
}

test('a public link shows the admin page’s figures, read-only, without free text by default', async () => {
  const { app, admin } = await seeded();
  const { token, created } = await createLink(admin);
  assert.match(created.body, /shown only this once/);
  assert.match(created.body, /Free-text answers and comments are left out\./);

  // Only the hash is stored: the token itself is nowhere in the row.
  const [link] = await app.storage.listPublicLinks('kinds');
  assert.ok(link !== undefined);
  assert.equal(link.hash, createHash('sha256').update(token).digest('base64url'));
  assert.equal(JSON.stringify(link).includes(token), false);
  assert.equal(link.texts, false);

  const reader = app.browser();
  const page = await reader.get(`/results/${token}`);
  assert.equal(page.status, 200);
  assert.equal(page.headers['x-robots-tag'], 'noindex, nofollow');
  assert.match(page.body, /<meta name="robots" content="noindex, nofollow">/);
  assert.equal(page.setCookies.length, 0, 'a reader gets no session');

  // The same figures, drawn by the same code: the sections of choice, number and NPS questions
  // and the drop-off are byte for byte the admin page's.
  const owner = await admin.get('/admin/surveys/kinds');
  assert.match(owner.body, /3 started, 3 completed/);
  assert.match(page.body, /3 started, 3 completed/);
  for (const id of ['c', 'n', 'p', 'g', 'rk']) {
    assert.equal(section(page.body, at(id)), section(owner.body, at(id)), `question ${id}`);
  }
  assert.equal(dropOff(page.body), dropOff(owner.body));
  assert.match(
    section(page.body, at('c')),
    /<tr><th scope="row"><a href="\?version=1&amp;filter=c%3Aa">a<\/a><\/th><td class="num">2<\/td><td class="num">66\.7%<\/td><\/tr>/,
  );

  // Read-only: no admin navigation, exports, public-link section, forms that post, comments.
  for (const absent of [
    /admin-nav/,
    /\/admin/,
    /responses\.csv/,
    /responses\.json/,
    /Download/,
    /method="post"/,
    /Public link/,
    /name="_csrf"/,
    /id="comments"/,
  ]) {
    assert.doesNotMatch(page.body, absent);
  }
  // Free text left out: text answers, Other texts; their counts stay.
  assert.doesNotMatch(page.body, /secret text/);
  assert.doesNotMatch(page.body, /a bike/);
  assert.doesNotMatch(page.body, /a@example\.com/);
  assert.match(owner.body, /secret text 1/);
  assert.match(section(page.body, at('d')), /<th scope="row">Other<\/th><td class="num">3<\/td>/);
  assert.match(section(page.body, at('t')), /3 answers/);

  // Filters, completed and versions keep to the public address.
  const filtered = await reader.get(`/results/${token}?filter=c:b&completed=1`);
  assert.equal(filtered.status, 200);
  assert.match(filtered.body, /1 started, 1 completed/);
  assert.match(filtered.body, new RegExp(`href="/results/${token}\\?`));
  assert.equal((await reader.get(`/results/${token}?filter=nope:x`)).status, 422);
  assert.equal((await reader.get(`/results/${token}?page=99`)).status, 404);

  // The owner's list shows the link, never its token.
  assert.match(
    owner.body,
    /<li><strong>Active<\/strong>: created 2026-03-01 12:00 UTC, never expires, free text left out\.<form/,
  );
  assert.doesNotMatch(owner.body, new RegExp(token));
});

test('a link made with free text shows the text answers, Other texts and comments', async () => {
  const { app, admin } = await seeded();
  const { token, created } = await createLink(admin, { texts: '1', days: '' });
  assert.match(created.body, /Free-text answers and comments are included\./);
  assert.match(created.body, /It works until you revoke it\./);
  const page = await app.browser().get(`/results/${token}`);
  assert.equal(page.status, 200);
  assert.match(section(page.body, at('t')), /secret text 1/);
  assert.match(section(page.body, at('d')), /a bike/);
  assert.match(page.body, /<h2 id="comments">Comments<\/h2>/);
  // Still read-only.
  assert.doesNotMatch(page.body, /\/admin|responses\.csv|method="post"/);
  // Text pages page on the public address.
  assert.match(page.body, /<details class="text-answers">/);
});

test('comments appear only on a link that includes free text', async () => {
  const survey = makeSurvey('talk', {
    title: 'Talk',
    questions: [{ text: 'Tea?', allowText: true }],
  });
  const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [survey] });
  t = app;
  const [version] = await app.storage.listVersions('talk');
  assert.ok(version !== undefined);
  const responseId = await app.storage.createResponse({
    survey: 'talk',
    versionId: version.id,
    startedAt: new Date(),
  });
  await app.storage.recordAnswer({
    responseId,
    survey: 'talk',
    question: 0,
    answer: 'Yes',
    comment: 'a private remark',
    completes: true,
    at: new Date(),
  });
  const admin = app.browser();
  await logInAsAdmin(admin);
  const without = await createLink(admin, {}, 'talk');
  const withTexts = await createLink(admin, { texts: '1' }, 'talk');
  const reader = app.browser();
  const plain = await reader.get(`/results/${without.token}`);
  assert.match(plain.body, /<td class="num">1<\/td><td class="num">100%<\/td>/);
  assert.doesNotMatch(plain.body, /a private remark/);
  const full = await reader.get(`/results/${withTexts.token}`);
  assert.match(full.body, /<td class="comment-text">a private remark<\/td>/);
});

test('a revoked link is a 404; revoking and creating need the CSRF token', async () => {
  const { app, admin } = await seeded();
  // Without the session's token nothing is made.
  const forged = await admin.post('/admin/surveys/kinds/public-links', { _csrf: 'forged' });
  assert.equal(forged.status, 403);
  assert.deepEqual(await app.storage.listPublicLinks('kinds'), []);
  // Nor without an admin session.
  const stranger = app.browser();
  await stranger.get('/admin/login');
  const anonymous = await stranger.post('/admin/surveys/kinds/public-links');
  assert.notEqual(anonymous.status, 201);
  assert.deepEqual(await app.storage.listPublicLinks('kinds'), []);

  const { token } = await createLink(admin);
  const reader = app.browser();
  assert.equal((await reader.get(`/results/${token}`)).status, 200);
  const [link] = await app.storage.listPublicLinks('kinds');
  assert.ok(link !== undefined);
  const results = await admin.get('/admin/surveys/kinds');
  const action = `/admin/surveys/kinds/public-links/${link.hash}/revoke`;
  assert.match(results.body, new RegExp(`<form method="post" action="${action}">`));
  assert.equal((await admin.post(action, { _csrf: 'forged' })).status, 403);
  assert.equal((await reader.get(`/results/${token}`)).status, 200);

  const revoked = await admin.post(action);
  assert.deepEqual([revoked.status, revoked.location], [303, '/admin/surveys/kinds#public-link']);
  const gone = await reader.get(`/results/${token}`);
  assert.equal(gone.status, 404);
  assert.match(gone.body, /This results link is not valid/);
  assert.equal(gone.headers['x-robots-tag'], 'noindex, nofollow');
  const after = await admin.follow(revoked);
  assert.match(after.body, /The public link is revoked/);
  assert.match(
    after.body,
    /<li><strong>Revoked 2026-03-01 12:00 UTC<\/strong>: created [^<]*\.<\/li>/,
  );
  // An unknown or malformed link, or one of another survey, revokes nothing.
  assert.equal(
    (await admin.post(`/admin/surveys/other/public-links/${link.hash}/revoke`)).status,
    404,
  );
  assert.equal((await admin.post('/admin/surveys/kinds/public-links/nope/revoke')).status, 404);
  assert.equal((await admin.post('/admin/surveys/nope/public-links')).status, 404);
});

test('a link with an expiry is a 404 once the clock passes it; a bad expiry is a 422', async () => {
  const { app, admin, clock } = await seeded();
  const { token, created } = await createLink(admin, { days: '2' });
  assert.match(created.body, /It works until 2026-03-03 12:00 UTC, or until you revoke it\./);
  const reader = app.browser();
  clock.now += 2 * DAY - 1;
  assert.equal((await reader.get(`/results/${token}`)).status, 200);
  clock.now += 1;
  const expired = await reader.get(`/results/${token}`);
  assert.equal(expired.status, 404);
  assert.match(expired.body, /This results link is not valid/);
  // Two days on, the admin login has expired too: the owner logs in again.
  const again = app.browser();
  await logInAsAdmin(again);
  const owner = await again.get('/admin/surveys/kinds');
  assert.match(
    owner.body,
    /<li><strong>Expired<\/strong>: created 2026-03-01 12:00 UTC, expired 2026-03-03 12:00 UTC, free text left out\.<\/li>/,
  );

  for (const days of ['0', '-1', '1.5', 'soon', '3651', '99999999999']) {
    const bad = await again.post('/admin/surveys/kinds/public-links', { days });
    assert.equal(bad.status, 422, `days=${days}`);
    assert.match(bad.body, /That expiry is not valid/);
  }
  assert.equal((await app.storage.listPublicLinks('kinds')).length, 1);
});

test('unknown and malformed tokens are a 404 page, counted by the lookup limit', async () => {
  const app = await startTestApp({ surveys: [SURVEY], hardening: { rateLimit: 300 } });
  t = app;
  const reader = app.browser();
  for (const path of [
    '/results/x',
    `/results/${'A'.repeat(43)}`,
    `/results/${'A'.repeat(44)}`,
    '/results/%00',
  ]) {
    const page = await reader.get(path);
    assert.equal(page.status, 404, path);
    assert.match(page.body, /This results link is not valid/);
  }
  let status = 0;
  for (let i = 0; i < 130 && status !== 429; i++) {
    status = (await reader.get(`/results/${'B'.repeat(43)}`)).status;
  }
  assert.equal(status, 429);
});

test('an archived survey’s link keeps working on its latest stored version', async () => {
  const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [SURVEY] });
  t = app;
  const gone = makeSurvey('gone', { title: 'Gone survey', questions: [{ text: 'Fine?' }] });
  const definition = canonicalDefinition(gone);
  const version = await app.storage.registerVersion({
    survey: 'gone',
    hash: definition,
    definition,
    at: new Date(),
  });
  const responseId = await app.storage.createResponse({
    survey: 'gone',
    versionId: version.id,
    startedAt: new Date(),
  });
  await app.storage.recordAnswer({
    responseId,
    survey: 'gone',
    question: 0,
    answer: 'Yes',
    comment: null,
    completes: true,
    at: new Date(),
  });
  const admin = app.browser();
  await logInAsAdmin(admin);
  const { token } = await createLink(admin, {}, 'gone');
  const page = await app.browser().get(`/results/${token}`);
  assert.equal(page.status, 200);
  assert.match(
    page.body,
    /<h1>Gone survey<\/h1>\n<p class="meta archived"><strong>Archived<\/strong>/,
  );
  assert.match(page.body, /1 started, 1 completed/);
});
