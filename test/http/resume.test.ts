/**
 * SURVEYS.md §7: "continue on another device". Two cookie jars are two browsers: the first asks
 * for a link, the second opens it and goes on with the same response.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { RESUME_LOOKUPS_PER_MINUTE } from '../../src/http/hardening/index.js';
import { parseDatabaseUrl } from '../../src/storage/index.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import type { Browser, TestResponse } from '../support/browser.js';
import { begin } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SLUG = 'move';
const resumable = makeSurvey(SLUG, {
  title: 'Moving house',
  allowResume: true,
  questions: [
    { text: 'Renting?' },
    { text: 'Garden?' },
    { text: 'Lift?', choices: ['Yes', 'No', 'Not sure'] },
  ],
});
const plain = makeSurvey('plain', { title: 'Plain', questions: [{ text: 'Q?' }] });
const travel = makeSurvey('travel', {
  title: { en: 'Travel', fr: 'Voyage', ar: 'السفر', de: 'Reise' },
  languages: ['en', 'fr', 'ar', 'de'],
  allowResume: true,
  questions: [
    { text: { en: 'By train?', fr: 'En train ?', ar: 'بالقطار؟', de: 'Mit dem Zug?' } },
    { text: { en: 'By boat?', fr: 'En bateau ?', ar: 'بالقارب؟', de: 'Mit dem Schiff?' } },
  ],
});

function start(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  return startTestApp({ surveys: [resumable, plain], ...options });
}

/** Asks for a link on the page `qid` shows; returns the link page and the link's path. */
async function askForLink(
  browser: Browser,
  qid: number,
): Promise<{ page: TestResponse; path: string }> {
  const question = await browser.get(`/surveys/${SLUG}/questions/${qid}`);
  assert.equal(question.status, 200);
  assert.match(question.body, /<form method="post" action="\/surveys\/move\/resume-link"/);
  const page = await browser.post(`/surveys/${SLUG}/resume-link`);
  assert.equal(page.status, 200, page.body);
  const url = /<input id="resume-link"[^>]* value="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(url, 'the page shows the link');
  const { pathname } = new URL(url);
  return { page, path: pathname };
}

/** The hashes stored in `resume_tokens`, read from the database itself. */
async function storedHashes(databaseUrl: string): Promise<string[]> {
  const location = parseDatabaseUrl(databaseUrl);
  if (location.kind === 'sqlite') {
    const db = new Database(location.path, { readonly: true });
    try {
      return db
        .prepare('select hash from resume_tokens')
        .all()
        .map((row) => (row as { hash: string }).hash);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ hash: string }>('select hash from resume_tokens');
    return rows.map((row) => row.hash);
  } finally {
    await client.end();
  }
}

test('a second browser opens the link, lands on the first one’s question and goes on; the first browser’s stale answer writes nothing', async () => {
  t = await start();
  const a = t.browser();
  await begin(a, SLUG);
  assert.equal((await a.post(`/surveys/${SLUG}/questions/0`, { answer: 'Yes' })).status, 303);
  const { path } = await askForLink(a, 1);
  assert.match(path, /^\/surveys\/move\/resume\/[A-Za-z0-9_-]{43}$/);

  const b = t.browser();
  const opened = await b.get(path);
  assert.equal(opened.status, 303);
  assert.equal(opened.location, `/surveys/${SLUG}/questions/1`);
  const page = await b.get(`/surveys/${SLUG}/questions/1`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Question 2 of 3/);
  const answered = await b.post(`/surveys/${SLUG}/questions/1`, { answer: 'No' });
  assert.equal(answered.location, `/surveys/${SLUG}/questions/2`);

  // The first browser still shows question 1 and posts it: the stored answer stands.
  const stale = await a.post(`/surveys/${SLUG}/questions/1`, { answer: 'Yes' });
  assert.equal(stale.status, 303);
  assert.equal(stale.location, `/surveys/${SLUG}/questions/2`);
  const [response] = await t.storage.listResponses(SLUG);
  assert.deepEqual(
    response?.answers.map((x) => x.answer),
    ['Yes', 'No'],
  );
  assert.equal((await t.storage.listResponses(SLUG)).length, 1);

  // Either browser may finish it; the other then sees it complete.
  const done = await a.post(`/surveys/${SLUG}/questions/2`, { answer: 'Not sure' });
  assert.equal(done.location, `/surveys/${SLUG}/complete`);
  const late = await b.post(`/surveys/${SLUG}/questions/2`, { answer: 'Yes' });
  assert.equal(late.location, `/surveys/${SLUG}/complete`);
});

test('the link page shows the absolute link and its QR code as SVG with a text alternative, and only a hash is stored', async () => {
  t = await start();
  const a = t.browser();
  await begin(a, SLUG);
  const { page, path } = await askForLink(a, 0);
  assert.match(
    page.body,
    /<input id="resume-link" class="input resume-link" type="url" value="http:\/\/localhost(:80)?\/surveys\/move\/resume\//,
  );
  assert.match(page.body, /<label for="resume-link">/);
  assert.equal(page.headers['cache-control'], 'private, no-store');
  const svg = /<svg[\s\S]*?<\/svg>/.exec(page.body)?.[0];
  assert.ok(svg, 'an inline SVG');
  assert.match(
    svg,
    /^<svg class="qr-code" role="img" aria-label="QR code of the link above" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/,
  );
  // Well-formed: paths only, every element closed.
  assert.match(svg, /^<svg[^>]*>(<path [^>]*\/>)+<\/svg>$/);
  assert.doesNotMatch(page.body, /<script/);

  const token = path.split('/').pop() ?? '';
  const hashes = await storedHashes(t.databaseUrl);
  assert.deepEqual(hashes, [createHash('sha256').update(token).digest('base64url')]);
  assert.ok(!hashes.includes(token));
});

test('the link is absolute to the host and protocol a trusted proxy forwarded', async () => {
  t = await start({ hardening: { trustProxy: 1 } });
  const a = t.browser();
  await begin(a, SLUG);
  await a.get(`/surveys/${SLUG}/questions/0`);
  const page = await a.post(
    `/surveys/${SLUG}/resume-link`,
    {},
    {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'survey.example.org',
    },
  );
  assert.equal(page.status, 200);
  assert.match(
    page.body,
    /value="https:\/\/survey\.example\.org\/surveys\/move\/resume\/[A-Za-z0-9_-]{43}"/,
  );
});

test('unknown, malformed, expired and completed links give a clear 404 and change nothing', async () => {
  const clock = { now: Date.now() };
  t = await start({ maxAge: 600, now: () => clock.now });
  const a = t.browser();
  await begin(a, SLUG);
  const { path } = await askForLink(a, 0);

  const b = t.browser();
  const invalid = async (url: string) => {
    const response = await b.get(url);
    assert.equal(response.status, 404, url);
    assert.match(response.body, /This resume link is not valid/);
    // Nothing was put in the session: no cookie to send.
    assert.deepEqual(response.setCookies, []);
  };
  await invalid(`/surveys/${SLUG}/resume/${'A'.repeat(43)}`);
  await invalid(`/surveys/${SLUG}/resume/short`);
  await invalid(`/surveys/${SLUG}/resume/${'%3Cb%3E'.repeat(8)}`);
  // Another survey's slug does not open this survey's response.
  await invalid(path.replace('/move/', '/plain/'));
  assert.equal((await b.get('/surveys/nowhere/resume/x')).status, 404);
  // Nothing was put in the second browser's session.
  const start2 = await b.get(`/surveys/${SLUG}`);
  assert.doesNotMatch(start2.body, /You have answered/);

  clock.now += 601_000;
  await invalid(path);

  // A completed response's link opens nothing either.
  clock.now = Date.now();
  const c = t.browser();
  await begin(c, SLUG);
  const link = await askForLink(c, 0);
  for (const [qid, answer] of ['Yes', 'No', 'Yes'].entries()) {
    await c.post(`/surveys/${SLUG}/questions/${qid}`, { answer });
  }
  await invalid(link.path);
});

test('asking for a link without progress goes to the start page; after completing, to /complete', async () => {
  t = await start();
  const a = t.browser();
  await a.get(`/surveys/${SLUG}`);
  const none = await a.post(`/surveys/${SLUG}/resume-link`);
  assert.equal(none.status, 303);
  assert.equal(none.location, `/surveys/${SLUG}`);
  await a.post(`/surveys/${SLUG}/begin`);
  for (const [qid, answer] of ['Yes', 'No', 'Yes'].entries()) {
    await a.post(`/surveys/${SLUG}/questions/${qid}`, { answer });
  }
  const done = await a.post(`/surveys/${SLUG}/resume-link`);
  assert.equal(done.status, 303);
  assert.equal(done.location, `/surveys/${SLUG}/complete`);
  assert.deepEqual(await storedHashes(t.databaseUrl), []);
});

test('a survey without allowResume has no offer and no link page, and the form needs its CSRF token', async () => {
  t = await start();
  const a = t.browser();
  await begin(a, 'plain');
  const page = await a.get('/surveys/plain/questions/0');
  assert.doesNotMatch(page.body, /resume-link|another device/);
  assert.equal((await a.post('/surveys/plain/resume-link')).status, 404);
  await begin(a, SLUG);
  assert.equal((await a.post(`/surveys/${SLUG}/resume-link`, { _csrf: 'forged' })).status, 403);
  assert.deepEqual(await storedHashes(t.databaseUrl), []);
});

test('token lookups are limited per client: over the limit is a 429 with Retry-After', async () => {
  t = await start();
  const b = t.browser();
  const lookup = () => b.get(`/surveys/${SLUG}/resume/${'A'.repeat(43)}`);
  for (let i = 0; i < RESUME_LOOKUPS_PER_MINUTE; i++) assert.equal((await lookup()).status, 404);
  const refused = await lookup();
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers['retry-after']) >= 1);
});

/** The link page of `travel`, asked for from its first question read with `?lang=LANG`. */
async function linkPageIn(lang: string): Promise<TestResponse> {
  const a = t?.browser();
  assert.ok(a);
  await begin(a, 'travel');
  const question = await a.get(`/surveys/travel/questions/0?lang=${lang}`);
  assert.equal(question.status, 200);
  const page = await a.post('/surveys/travel/resume-link');
  assert.equal(page.status, 200, page.body);
  return page;
}

test('the link page is in the respondent’s language: its texts, the survey’s title and the expiry date', async () => {
  // 2030-03-01 08:00 UTC, and links that last an hour.
  t = await start({ surveys: [travel], maxAge: 3600, now: () => Date.UTC(2030, 2, 1, 8, 0) });
  const page = await linkPageIn('fr');
  assert.match(page.body, /<html lang="fr">/);
  assert.match(page.body, /<title>Continuer sur un autre appareil · Voyage · Canvass<\/title>/);
  assert.match(
    page.body,
    /<p class="survey-name">Voyage<\/p>\n<h1>Continuer sur un autre appareil<\/h1>/,
  );
  assert.match(page.body, /<p class="lead">Ouvrez ce lien sur votre autre appareil /);
  assert.match(page.body, /<label for="resume-link">Votre lien<\/label>/);
  assert.match(page.body, /aria-label="Code QR du lien pour continuer ce questionnaire"/);
  assert.match(page.body, /<figcaption>Ou scannez ce code QR /);
  assert.match(page.body, /Le lien fonctionne jusqu’au 1 mars 2030 à 09:00 \(UTC\)\./);
  assert.match(
    page.body,
    /<a class="button button-primary" href="\/surveys\/travel\/questions\/0">Retour au questionnaire<\/a>/,
  );
  assert.doesNotMatch(page.body, /another device|Your link|works until|Back to the survey|Travel/);
  // The page answers a POST: no language links to a GET it does not answer.
  assert.doesNotMatch(page.body, /<nav class="languages"/);
});

test('the link page in Arabic is right to left, its link left to right', async () => {
  t = await start({ surveys: [travel] });
  const page = await linkPageIn('ar');
  assert.match(page.body, /<html lang="ar" dir="rtl">/);
  assert.match(page.body, /<title>المتابعة على جهاز آخر · السفر · Canvass<\/title>/);
  assert.match(page.body, /<p class="survey-name">السفر<\/p>\n<h1>المتابعة على جهاز آخر<\/h1>/);
  assert.match(page.body, /<input id="resume-link" [^>]*dir="ltr"/);
  assert.match(page.body, />العودة إلى الاستبيان<\/a>/);
  assert.doesNotMatch(page.body, /another device|Your link|works until|Back to the survey/);
});
