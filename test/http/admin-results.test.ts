import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { COMMENTS_PER_PAGE } from '../../src/http/routes/admin/results.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SATISFACTION = ['Yes', 'No', 'Less than $10,000', 'Yes'];

async function respond(app: TestApp, slug: string, answers: Parameters<typeof answerAll>[2]) {
  const browser = app.browser();
  await begin(browser, slug);
  if (answers.length > 0) await answerAll(browser, slug, answers);
}

test('shows each choice’s count and percentage as an inline SVG chart with a table', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  await respond(t, 'satisfaction', SATISFACTION);
  await respond(t, 'satisfaction', SATISFACTION);
  await respond(t, 'satisfaction', SATISFACTION);
  await respond(t, 'satisfaction', ['No', 'No']);
  const admin = t.browser();
  await logInAsAdmin(admin);
  const page = await admin.get('/admin/surveys/satisfaction');
  assert.equal(page.status, 200);
  // Question 1: 3 × Yes, 1 × No of 4 answers.
  const q1 = section(page.body, 'q0');
  // Its bars are links that filter by them (issue 17 item 1): a group of links, not an image.
  assert.match(q1, /<svg class="chart" role="group" aria-labelledby="q0-title"/);
  assert.match(
    q1,
    /<desc id="q0-hint">Each bar is a link that counts only its respondents\.<\/desc>/,
  );
  assert.match(
    q1,
    /<a class="chart-link" href="\?version=1&amp;filter=q1%3AYes" aria-describedby="q0-hint"><g class="chart-row"><text class="chart-label" [^>]*>Yes<\/text>.*?<text class="chart-value" [^>]*>3 \(75%\)<\/text><\/g><\/a>/,
  );
  assert.match(
    q1,
    /<title id="q0-title">Question 1: Have you shopped here before\? — answers by choice<\/title>/,
  );
  assert.match(q1, /<text class="chart-value"[^>]*>3 \(75%\)<\/text>/);
  assert.match(
    q1,
    /<tr><th scope="row"><a href="\?version=1&amp;filter=q1%3AYes">Yes<\/a><\/th><td class="num">3<\/td><td class="num">75%<\/td><\/tr>/,
  );
  assert.match(
    q1,
    /<tr><th scope="row"><a href="\?version=1&amp;filter=q1%3ANo">No<\/a><\/th><td class="num">1<\/td><td class="num">25%<\/td><\/tr>/,
  );
  assert.match(q1, /4 answers/);
  // Question 3: only the three who got that far; a choice nobody took is shown at 0%.
  const q3 = section(page.body, 'q2');
  assert.match(
    q3,
    /<th scope="row"><a href="\?version=1&amp;filter=q3%3ALess\+than\+%2410%2C000">Less than \$10,000<\/a><\/th><td class="num">3<\/td><td class="num">100%<\/td>/,
  );
  assert.match(
    q3,
    /<th scope="row"><a href="[^"]*">\$10,000 or more<\/a><\/th><td class="num">0<\/td><td class="num">0%<\/td>/,
  );
  assert.match(page.body, /4 started, 3 completed, completion rate 75%/);
});

test('shows how many respondents reached and answered each question', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  await respond(t, 'satisfaction', SATISFACTION);
  await respond(t, 'satisfaction', ['Yes']);
  await respond(t, 'satisfaction', ['No']);
  // Begun and left without an answer: not "started" (issue 18 item 4), so a burst of begins
  // does not inflate the drop-off.
  await respond(t, 'satisfaction', []);
  const admin = t.browser();
  await logInAsAdmin(admin);
  const page = await admin.get('/admin/surveys/satisfaction');
  assert.match(
    page.body,
    /<title id="dropoff-title">Drop-off: respondents who reached and answered each question, of 3 who started<\/title>/,
  );
  const rows = [
    ...page.body.matchAll(
      /<tr><th scope="row">(\d)\. [^<]*<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/g,
    ),
  ];
  assert.deepEqual(
    rows.map((m) => [m[1], m[2], m[3]]),
    [
      ['1', '3', '3'],
      ['2', '3', '1'],
      ['3', '1', '1'],
      ['4', '1', '1'],
    ],
  );
});

test('shows comments escaped, a page at a time', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  const total = COMMENTS_PER_PAGE + 2;
  const id = await t.storage.listVersions('personality').then((v) => v[0]?.id);
  assert.ok(id !== undefined);
  // Stored directly: 27 respondents through the form would only slow the test down.
  for (let i = 0; i < total; i++) {
    const response = await t.storage.createResponse({
      survey: 'personality',
      versionId: id,
      startedAt: new Date(),
    });
    for (const [q, answer] of ['Yes', 'No', 'Hedgehogs'].entries()) {
      await t.storage.recordAnswer({
        responseId: response,
        survey: 'personality',
        question: q,
        answer,
        comment: null,
        completes: false,
        at: new Date(),
      });
    }
    await t.storage.recordAnswer({
      responseId: response,
      survey: 'personality',
      question: 3,
      answer: 'wtf()',
      comment: `<script>alert(${i})</script>`,
      completes: true,
      at: new Date(),
    });
  }
  const admin = t.browser();
  await logInAsAdmin(admin);
  const first = await admin.get('/admin/surveys/personality');
  assert.doesNotMatch(first.body, /<script>/);
  assert.equal(
    first.body.match(/&lt;script&gt;alert\(\d+\)&lt;\/script&gt;/g)?.length,
    COMMENTS_PER_PAGE,
  );
  assert.match(
    first.body,
    /<a rel="next" href="\/admin\/surveys\/personality\?version=1&amp;comments=2#comments">/,
  );
  const second = await admin.get('/admin/surveys/personality?version=1&comments=2');
  assert.equal(second.body.match(/&lt;script&gt;alert\(\d+\)&lt;\/script&gt;/g)?.length, 2);
  assert.doesNotMatch(second.body, /rel="next"/);
  assert.match(second.body, /rel="prev"/);
});

test('escapes survey text in the charts and tables', async () => {
  const survey = makeSurvey('xss', {
    title: '<b>Bold</b> survey',
    questions: [{ text: 'Is <i>this</i> & that "ok"?', choices: ['<svg onload=x>', 'No'] }],
  });
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [survey] });
  await respond(t, 'xss', ['<svg onload=x>']);
  const admin = t.browser();
  await logInAsAdmin(admin);
  const page = await admin.get('/admin/surveys/xss');
  assert.doesNotMatch(page.body, /<svg onload|<i>this|<b>Bold/);
  assert.match(page.body, /&lt;svg onload=x&gt;/);
  assert.match(page.body, /Is &lt;i&gt;this&lt;\/i&gt; &amp; that &quot;ok&quot;\?/);
});

test('an unknown survey, version or page is a 404 page for an admin', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  const admin = t.browser();
  await logInAsAdmin(admin);
  for (const path of [
    '/admin/surveys/nope',
    '/admin/surveys/satisfaction?version=9',
    '/admin/surveys/satisfaction?version=abc',
    '/admin/surveys/satisfaction?page=0',
    // Four questions fit on one page: there is no second.
    '/admin/surveys/satisfaction?page=2',
    '/admin/surveys/satisfaction?comments=0',
    '/admin/surveys/satisfaction/responses.csv?version=2',
    '/admin/nothing-here',
  ]) {
    assert.equal((await admin.get(path)).status, 404, path);
  }
});

/** The `<section>` of one question's results. */
function section(body: string, id: string): string {
  const start = body.indexOf(`<section class="result" aria-labelledby="${id}-heading">`);
  assert.ok(start >= 0, `section ${id}`);
  return body.slice(start, body.indexOf('</section>', start));
}
