/**
 * Issue 17 item 1, exploring results: bars and rows that filter, filters removed one by one,
 * `?from=…&to=…` (UTC days of the response's start, both included), `?by=…` by a question, an
 * NPS question's groups or a hidden field, on the page and in results.json; bad input a 422
 * that says what is wrong. On the test engine (`CANVASS_TEST_ENGINE=postgres` for PostgreSQL).
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { EVERY_KIND, EVERY_KIND_ANSWERS, storeResponse } from '../support/results.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SURVEY = makeSurvey('explore', {
  title: 'Explore',
  questions: EVERY_KIND,
  hidden: ['source'],
});
const BASE = '/admin/surveys/explore';

/**
 * Four responses: started on 1, 2, 3 and 4 March 2026 (UTC, at the edges of the days), from
 * links with source mail, mail, web and none; YN yes, no, no, yes; C a, b, b, c; NPS 10, 3, 8, 9.
 */
async function seeded(): Promise<{ app: TestApp; admin: Browser }> {
  const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [SURVEY] });
  const [version] = await app.storage.listVersions('explore');
  assert.ok(version !== undefined);
  const rows = [
    ['2026-03-01T23:59:59.999Z', 'mail', 'yes', 'a', 10],
    ['2026-03-02T00:00:00.000Z', 'mail', 'no', 'b', 3],
    ['2026-03-03T12:00:00.000Z', 'web', 'no', 'b', 8],
    ['2026-03-04T00:00:00.000Z', undefined, 'yes', 'c', 9],
  ] as const;
  for (const [startedAt, source, yn, c, p] of rows) {
    await storeResponse(
      app.storage,
      SURVEY,
      version.id,
      { ...EVERY_KIND_ANSWERS, c: { kind: 'choice', id: c }, yn, p },
      { startedAt: new Date(startedAt), ...(source === undefined ? {} : { hidden: { source } }) },
    );
  }
  const admin = app.browser();
  await logInAsAdmin(admin);
  return { app, admin };
}

const at = (id: string) => EVERY_KIND.findIndex((q) => q.id === id);

/** The `<section>` of the question at 0-based `index`. */
function section(body: string, index: number): string {
  const match = new RegExp(
    `<section class="result" aria-labelledby="q${index}-heading">[\\s\\S]*?</section>`,
  ).exec(body);
  assert.ok(match, `section q${index}`);
  return match[0];
}

/** The href of the bar link named `label` in a section, resolved against the page's path. */
function barHref(sectionHtml: string, label: string): string {
  const match = new RegExp(
    `<a class="chart-link" href="([^"]+)" aria-describedby="q\\d+-hint"><g class="chart-row"><text class="chart-label" [^>]*>${label}</text>`,
  ).exec(sectionHtml);
  assert.ok(match?.[1], `a bar link for ${label}`);
  return `${BASE}${match[1].replaceAll('&amp;', '&')}`;
}

const unescape = (href: string) => href.replaceAll('&amp;', '&');

async function json(admin: Browser, query: string) {
  const response = await admin.get(`${BASE}/results.json${query}`);
  return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
}

test('clicking a bar filters every chart to those who chose it; each filter in use has a link that removes it', async () => {
  const { app, admin } = await seeded();
  t = app;
  const all = await admin.get(BASE);
  assert.equal(all.status, 200);
  assert.match(all.body, /4 started, 4 completed/);
  // The YN bar "No" leads to the page counting only those two.
  const no = await admin.get(barHref(section(all.body, at('yn')), 'No'));
  assert.equal(no.status, 200);
  assert.match(no.body, /Counting “YN” is “No”\./);
  assert.match(no.body, /2 started, 2 completed/);
  assert.match(
    section(no.body, at('c')),
    /<th scope="row"><a href="[^"]*">b<\/a><\/th><td class="num">2<\/td><td class="num">100%<\/td>/,
  );
  // A bar already filtered by is not a link; the others add a second filter (AND).
  assert.doesNotMatch(section(no.body, at('yn')), /aria-label="No: /);
  // An NPS question's points are links in its table.
  const point = /<th scope="row"><a href="([^"]+)">3<\/a><\/th>/.exec(section(no.body, at('p')));
  assert.ok(point?.[1]);
  const both = await admin.get(`${BASE}${unescape(point[1])}`);
  assert.match(both.body, /Counting “YN” is “No”; “P” is “3”\./);
  assert.match(both.body, /1 started, 1 completed/);
  // Each filter is removable alone, keeping the other.
  const remove =
    /<li><a href="([^"]+)">Remove<span class="visually-hidden"> the filter<\/span>: “YN” is “No”<\/a><\/li>/.exec(
      both.body,
    );
  assert.ok(remove?.[1]);
  const left = await admin.get(unescape(remove[1]));
  assert.match(left.body, /Counting “P” is “3”\./);
  assert.match(left.body, /1 started, 1 completed/);
  // Without JavaScript the table rows are the same links.
  assert.match(
    section(all.body, at('yn')),
    /<th scope="row"><a href="\?version=1&amp;filter=yn%3Ano">No<\/a><\/th>/,
  );
});

test('a date range counts the responses started on those UTC days, both included, on the page and in results.json', async () => {
  const { app, admin } = await seeded();
  t = app;
  const range = await json(admin, '?from=2026-03-02&to=2026-03-03');
  assert.equal(range.status, 200);
  assert.equal(range.body.started, 2);
  assert.equal((await json(admin, '?from=2026-03-02')).body.started, 3);
  assert.equal((await json(admin, '?to=2026-03-01')).body.started, 1);
  assert.equal((await json(admin, '?from=2026-03-04&to=2026-03-04')).body.started, 1);
  // With a filter: both of those two days' respondents said no.
  assert.equal((await json(admin, '?from=2026-03-02&to=2026-03-03&filter=yn:yes')).body.started, 0);
  const page = await admin.get(`${BASE}?from=2026-03-02&to=2026-03-03`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Counting started 2026-03-02 to 2026-03-03 \(UTC\)\./);
  assert.match(page.body, /2 started, 2 completed/);
  assert.match(page.body, /<input type="date" id="results-from" name="from" value="2026-03-02"/);
  const remove =
    /<a href="([^"]+)">Remove<span class="visually-hidden"> the filter<\/span>: started/.exec(
      page.body,
    );
  assert.equal(remove?.[1], `${BASE}?version=1`);
});

test('malformed dates, unknown questions, choices or hidden fields are a 422 that says what is wrong', async () => {
  const { app, admin } = await seeded();
  t = app;
  const cases: [string, RegExp][] = [
    ['?from=2026-3-1', /from "2026-3-1" must be a date written YYYY-MM-DD/],
    ['?to=2026-02-30', /to "2026-02-30" must be a date written YYYY-MM-DD/],
    ['?from=2026-03-04&to=2026-03-01', /to \(2026-03-01\) is before from \(2026-03-04\)/],
    ['?filter=zz:a', /there is no question "zz"/],
    ['?filter=c:z', /has no choice "z"/],
    ['?filter=hidden:campaign:x', /there is no hidden field "campaign" \(its: source\)/],
    ['?filter=hidden:source:a%00b', /a hidden field's value cannot hold a NUL character/],
    [
      `?filter=hidden:source:${encodeURIComponent('😀'.repeat(201))}`,
      /a hidden field's value is 1 to 200 characters/,
    ],
    ['?by=zz', /by: there is no question "zz"/],
    ['?by=t', /by: question "t" \(text\) has no choices to cross-tabulate by/],
    ['?by=hidden:campaign', /by: there is no hidden field "campaign"/],
  ];
  for (const [query, message] of cases) {
    const body = await json(admin, query);
    assert.equal(body.status, 422, query);
    assert.match(String(body.body.error), message, query);
    const page = await admin.get(`${BASE}${query}`);
    assert.equal(page.status, 422, query);
    assert.match(page.body.replaceAll('&quot;', '"').replaceAll('&#39;', "'"), message, query);
  }
});

test('results.json cross-tabulates by an NPS question’s groups and by a hidden field, and filters by one', async () => {
  const { app, admin } = await seeded();
  t = app;
  const nps = await json(admin, '?by=p');
  assert.equal(nps.status, 200);
  const groups = (nps.body.by as { groups: { id: string; started: number }[] }).groups;
  assert.deepEqual(
    groups.map((g) => [g.id, g.started]),
    [
      ['detractors', 1],
      ['passives', 1],
      ['promoters', 2],
    ],
  );
  const hidden = await json(admin, '?by=hidden:source');
  const by = hidden.body.by as {
    id: string;
    text: string;
    groups: { id: string; started: number }[];
  };
  assert.equal(by.id, 'hidden:source');
  // The most given value first; the response without one is in no group.
  assert.deepEqual(
    by.groups.map((g) => [g.id, g.started]),
    [
      ['mail', 2],
      ['web', 1],
    ],
  );
  assert.equal((await json(admin, '?filter=hidden:source:web')).body.started, 1);
  // A value of 200 characters is one a link can give, however many UTF-16 units it takes.
  const emoji = await json(admin, `?filter=hidden:source:${encodeURIComponent('😀'.repeat(200))}`);
  assert.equal(emoji.status, 200);
  assert.equal(emoji.body.started, 0);
  assert.equal((await json(admin, '?filter=p:promoters')).body.started, 2);
});

test('the page cross-tabulates every question by a question or a hidden field, as tables with counts and shares', async () => {
  const { app, admin } = await seeded();
  t = app;
  const page = await admin.get(`${BASE}?by=yn`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<h2>Answers by “YN”<\/h2>/);
  assert.match(page.body, /<option value="yn" selected>3\. YN<\/option>/);
  const c = section(page.body, at('c'));
  assert.match(
    c,
    /<thead><tr><th scope="col">Answer<\/th><th scope="col" class="num">All<\/th><th scope="col" class="num">Yes<\/th><th scope="col" class="num">No<\/th><\/tr><\/thead>/,
  );
  assert.match(
    c,
    /<tr><th scope="row">b<\/th><td class="num">2 \(50%\)<\/td><td class="num">0 \(0%\)<\/td><td class="num">2 \(100%\)<\/td><\/tr>/,
  );
  assert.match(
    section(page.body, at('p')),
    /<tr><th scope="row">Net Promoter Score<\/th><td class="num">25<\/td><td class="num">100<\/td><td class="num">-50<\/td><\/tr>/,
  );
  // Groups' sizes, and the way back to the charts.
  assert.match(
    page.body,
    /<tr><th scope="row">No<\/th><td class="num">2<\/td><td class="num">2<\/td><\/tr>/,
  );
  assert.match(page.body, /<a href="\/admin\/surveys\/explore\?version=1">Back to the charts<\/a>/);
  const hidden = await admin.get(`${BASE}?by=hidden:source&filter=yn:no`);
  assert.equal(hidden.status, 200);
  assert.match(
    section(hidden.body, at('c')),
    /<tr><th scope="row">b<\/th><td class="num">2 \(100%\)<\/td><td class="num">1 \(100%\)<\/td><td class="num">1 \(100%\)<\/td><\/tr>/,
  );
});

test('a public link takes filters, dates and cross-tabs by questions, but no hidden field', async () => {
  const { app, admin } = await seeded();
  t = app;
  // Made through the results page's form (its CSRF token), as an owner does.
  assert.equal((await admin.get(BASE)).status, 200);
  const created = await admin.post(`${BASE}/public-links`, {});
  assert.equal(created.status, 201);
  const token = /\/results\/([A-Za-z0-9_-]{43})/.exec(created.body)?.[1];
  assert.ok(token);
  const reader = app.browser();
  const base = `/results/${token}`;
  const all = await reader.get(base);
  assert.equal(all.status, 200);
  // Its bars link to itself, the same relative markup as the owner's page.
  const no = await reader.get(
    `${base}${barHref(section(all.body, at('yn')), 'No').slice(BASE.length)}`,
  );
  assert.equal(no.status, 200);
  assert.match(no.body, /Counting “YN” is “No”\./);
  const by = await reader.get(`${base}?by=yn&from=2026-03-02`);
  assert.equal(by.status, 200);
  assert.match(by.body, /<h2>Answers by “YN”<\/h2>/);
  assert.doesNotMatch(all.body, /hidden:source/);
  for (const query of ['?by=hidden:source', '?filter=hidden:source:mail']) {
    const refused = await reader.get(`${base}${query}`);
    assert.equal(refused.status, 422, query);
    assert.match(refused.body, /a public results link does not share hidden fields/);
  }
});
