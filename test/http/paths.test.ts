/**
 * Issue 15: the path flow over HTTP (SURVEYS.md §2 field names, §3 conditions, §4 the guard,
 * revisions, Back and the progress bar), on the test engine. The branching survey is the
 * engagement sample (surveys/engagement.yaml): pages 0 about, 1 work, 2 follow_up (shown
 * after a low answer on page 1), 3 contact (shown after `talk: yes` on page 2), 4 last.
 * Every check reads what the database holds, so a write that should not happen is seen.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { Survey } from '../../src/domain/index.js';
import type { ResponseState } from '../../src/storage/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, sampleSurveys, startTestApp, type TestApp } from '../support/app.js';
import type { Browser, TestResponse } from '../support/browser.js';
import { begin, notices } from '../support/flow.js';
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
const STALE =
  'That page had already been sent or changed in another window, so nothing was changed. You can go on from here.';

/** A `pages:` survey whose first page asks two questions, one with a comment, one a grid. */
const prefixed = makeSurvey('prefixed', {
  title: 'Prefixed',
  pages: [
    {
      id: 'one',
      questions: [
        { id: 'colour', text: 'Colour?', choices: ['Red', 'Blue'], allowText: true },
        {
          id: 'rate',
          type: 'grid',
          text: 'Rate',
          rows: ['Speed', 'Price'],
          columns: ['Good', 'Bad'],
        },
      ],
    },
    { id: 'two', questions: [{ id: 'done', type: 'yesno', text: 'Done?' }] },
  ],
});

/** A `questions:` file with a condition, an ending and Back: one question a page, plain names. */
const early = makeSurvey('early', {
  title: 'Early',
  allowBack: true,
  questions: [
    {
      id: 'eligible',
      type: 'yesno',
      text: 'Are you eligible?',
      allowText: true,
      endIf: { q: 'eligible', is: 'no' },
    },
    {
      id: 'rate',
      type: 'grid',
      text: 'Rate',
      rows: ['Speed', 'Price'],
      columns: ['Good', 'Bad'],
      showIf: { q: 'eligible', is: 'yes' },
    },
    { id: 'last', type: 'text', text: 'Last words?', required: false },
  ],
});

/** A format-2 `questions:` file without conditions or Back: the classic flow. */
const plain = makeSurvey('plain', {
  title: 'Plain',
  questions: [
    { id: 'a', type: 'yesno', text: 'A?' },
    { id: 'b', type: 'yesno', text: 'B?' },
    { id: 'c', type: 'yesno', text: 'C?' },
  ],
});

/**
 * A yes opens three more pages (QA found the bar going from 1 of 2 to 2 of 5 here); a page
 * whose ending is decided by page 0 alone ends the count on it before it is submitted.
 */
const opening = makeSurvey('opening', {
  title: 'Opening',
  pages: [
    { id: 'p0', questions: [{ id: 'q0', type: 'text', text: 'Anything?' }] },
    { id: 'p1', questions: [{ id: 'more', type: 'yesno', text: 'More?' }] },
    ...[2, 3, 4].map((n) => ({
      id: `p${n}`,
      showIf: { q: 'more', is: 'yes' },
      questions: [{ id: `x${n}`, type: 'text', text: `X${n}?`, required: false }],
    })),
  ],
});
const ending = makeSurvey('ending', {
  title: 'Ending',
  pages: [
    { id: 'p0', questions: [{ id: 'a', type: 'yesno', text: 'A?' }] },
    { id: 'p1', questions: [{ id: 'b', type: 'text', text: 'B?', endIf: { q: 'a', is: 'no' } }] },
    { id: 'p2', questions: [{ id: 'c', type: 'text', text: 'C?' }] },
  ],
});

/** A yes on page 0 newly asks `b` on page 1, beside the two questions it already asked. */
const gaining = makeSurvey('gaining', {
  title: 'Gaining',
  allowBack: true,
  pages: [
    { id: 'p0', questions: [{ id: 'a', type: 'yesno', text: 'A?' }] },
    {
      id: 'p1',
      questions: [
        { id: 'b', type: 'text', text: 'B?', showIf: { q: 'a', is: 'yes' } },
        { id: 'c', type: 'text', text: 'C?' },
        { id: 'd', type: 'yesno', text: 'D?' },
      ],
    },
    { id: 'p2', questions: [{ id: 'e', type: 'text', text: 'E?' }] },
  ],
});

async function surveys(): Promise<Survey[]> {
  const engagement = (await sampleSurveys()).find((s) => s.slug === SLUG);
  assert.ok(engagement);
  return [engagement, prefixed, early, plain, opening, ending, gaining];
}

async function start(): Promise<TestApp> {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: await surveys() });
  return t;
}

const page = (n: number, slug = SLUG) => `/surveys/${slug}/questions/${n}`;
const complete = (slug = SLUG) => `/surveys/${slug}/complete`;

/** The revision a page's form carries. */
function revisionOf(body: string): string {
  const match = /<input type="hidden" name="revision" value="([^"]*)">/.exec(body);
  assert.ok(match?.[1] !== undefined, 'the form carries a revision');
  return match[1];
}

/** Opens page `n` (asserting it shows) and posts `form` with the revision the page carried. */
async function submit(browser: Browser, n: number, form: Form, slug = SLUG): Promise<TestResponse> {
  const shown = await browser.get(page(n, slug));
  assert.equal(shown.status, 200, `page ${n} shows`);
  return browser.post(page(n, slug), { revision: revisionOf(shown.body), ...form });
}

/** Submits the pages in order, each asserting the 303 to where it should go next. */
async function walk(browser: Browser, steps: readonly [number, Form, string][], slug = SLUG) {
  for (const [n, form, to] of steps) {
    const posted = await submit(browser, n, form, slug);
    assert.equal(posted.status, 303, `page ${n}: ${posted.body}`);
    assert.equal(posted.location, to, `after page ${n}`);
  }
}

/** The only response of `slug`, as the path flow reads it from the database. */
async function stored(app: TestApp, slug = SLUG): Promise<ResponseState> {
  const responses = await app.storage.listResponses(slug);
  assert.equal(responses.length, 1, 'one response');
  const state = await app.storage.readResponseState(responses[0]?.id ?? -1, slug);
  assert.ok(state);
  return state;
}

/** Question ids with a stored answer, in question order. */
function answeredIds(survey: Survey, state: ResponseState): string[] {
  return state.answers.map((a) => survey.questions[a.question]?.id ?? `?${a.question}`);
}

interface Exported {
  responses: { completedAt: string | null; answers: { id: string; answer: unknown }[] }[];
}

/** The JSON export of `slug`, read as the admin does. */
async function exported(app: TestApp, slug = SLUG): Promise<Exported> {
  const admin = app.browser();
  await logInAsAdmin(admin);
  const response = await admin.get(`/admin/surveys/${slug}/responses.json`);
  assert.equal(response.status, 200);
  return JSON.parse(response.body) as Exported;
}

/** The flash notices on the page a redirect leads to. */
async function noticesAfter(browser: Browser, response: TestResponse): Promise<string[]> {
  const shown = await browser.follow(response);
  assert.equal(shown.status, 200);
  return notices(shown.body);
}

/** The progress bar's value and max. */
function progressOf(body: string): [number, number] {
  const match = /<progress [^>]*value="(\d+)" max="(\d+)"/.exec(body);
  assert.ok(match, 'the page has a progress bar');
  return [Number(match[1]), Number(match[2])];
}

test('§4 GET: no progress → start; frontier → the page; earlier page with Back → filled in; any other → flash and the frontier; complete → /complete without flash', async () => {
  const app = await start();
  const a = app.browser();
  const none = await a.get(page(0));
  assert.equal(none.status, 302);
  assert.equal(none.location, `/surveys/${SLUG}`);

  await begin(a, SLUG);
  await walk(a, [[0, ABOUT, page(1)]]);
  const frontier = await a.get(page(1));
  assert.equal(frontier.status, 200);
  assert.match(frontier.body, /<a rel="prev" href="\/surveys\/engagement\/questions\/0"/);

  const back = await a.get(page(0));
  assert.equal(back.status, 200);
  assert.match(back.body, /<option value="Engineering" selected>/);
  assert.match(back.body, /name="tenure" value="lt1" checked/);
  assert.doesNotMatch(back.body, /<a rel="prev"/, 'the first page has no Back');

  // Page 2 is not on the path (no low answer yet), page 4 is on it but after the frontier,
  // and 9 is no page at all: each flashes and goes to the frontier.
  for (const n of [2, 3, 4, 9]) {
    const other = await a.get(page(n));
    assert.equal(other.status, 302, `page ${n}`);
    assert.equal(other.location, page(1));
    assert.deepEqual(await noticesAfter(a, other), [`Invalid question id: ${n}.`]);
  }

  await walk(a, [
    [1, HAPPY, page(4)],
    [4, LAST, complete()],
  ]);
  for (const n of [0, 4]) {
    const done = await a.get(page(n));
    assert.equal(done.status, 302);
    assert.equal(done.location, complete());
    assert.deepEqual(await noticesAfter(a, done), []);
  }
});

test('§4 POST: no progress → start; off-path, later or stale → nothing written, frontier (stale with a notice); complete → /complete', async () => {
  const app = await start();
  const a = app.browser();
  assert.equal((await a.get(`/surveys/${SLUG}`)).status, 200);
  const none = await a.post(page(0), { ...ABOUT, revision: '0' });
  assert.equal(none.status, 303);
  assert.equal(none.location, `/surveys/${SLUG}`);

  await begin(a, SLUG);
  assert.equal((await app.storage.listResponses(SLUG)).length, 1);
  await walk(a, [[0, ABOUT, page(1)]]);
  const before = await stored(app);
  assert.equal(before.revision, 1);

  // Off the path (2, 3), after the frontier (4), no page (7), all at the current revision.
  for (const [n, form] of [
    [2, TALK],
    [3, CONTACT],
    [4, LAST],
    [7, LAST],
  ] as const) {
    const posted = await a.post(page(n), { ...form, revision: String(before.revision) });
    assert.equal(posted.status, 303, `page ${n}`);
    assert.equal(posted.location, page(1), `page ${n}`);
    assert.deepEqual(await stored(app), before, `page ${n} wrote nothing`);
  }

  // The frontier posted at an old revision (the form of before page 0 was sent).
  const stale = await a.post(page(1), { ...HAPPY, revision: '0' });
  assert.equal(stale.status, 303);
  assert.equal(stale.location, page(1));
  assert.deepEqual(await stored(app), before);
  assert.deepEqual(await noticesAfter(a, stale), [STALE]);

  await walk(a, [
    [1, HAPPY, page(4)],
    [4, LAST, complete()],
  ]);
  const done = await stored(app);
  assert.ok(done.completedAt);
  const late = await a.post(page(1), { ...UNHAPPY, revision: String(done.revision) });
  assert.equal(late.status, 303);
  assert.equal(late.location, complete());
  assert.deepEqual(await stored(app), done);
});

test('§4 POST invalid: 422 with every question’s error at once and the values kept; nothing written', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, SLUG);
  await walk(a, [[0, ABOUT, page(1)]]);
  const before = await stored(app);
  const shown = await a.get(page(1));
  const invalid = await a.post(page(1), {
    revision: revisionOf(shown.body),
    'statements.valued': 'sd',
    'statements.growth': 'n',
    recommend: '11',
  });
  assert.equal(invalid.status, 422);
  assert.match(invalid.body, /<title>Error: /);
  // Both questions are in error at once (the grid's two missing rows, the NPS out of range) ...
  const summary = [...invalid.body.matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(summary, ['statements.manager-0', 'statements.workload-0', 'recommend-0']);
  assert.match(invalid.body, /<p id="recommend-error" class="field-error">/);
  // ... and the rows answered stay ticked.
  assert.match(invalid.body, /name="statements.valued" value="sd" checked/);
  assert.match(invalid.body, /name="statements.growth" value="n" checked/);
  assert.equal(revisionOf(invalid.body), String(before.revision));
  assert.deepEqual(await stored(app), before);
});

test('Back changing the path deletes the answers that left it; the export equals the new path; each Back POST goes to the next page on the path', async () => {
  const app = await start();
  const survey = (await surveys()).find((s) => s.slug === SLUG);
  assert.ok(survey);
  const a = app.browser();
  await begin(a, SLUG);
  await walk(a, [
    [0, ABOUT, page(1)],
    [1, UNHAPPY, page(2)],
    [2, TALK, page(3)],
    [3, CONTACT, page(4)],
  ]);
  assert.deepEqual(answeredIds(survey, await stored(app)), [
    'team',
    'tenure',
    'statements',
    'recommend',
    'improve',
    'talk',
    'email',
  ]);

  // Page 0 again, unchanged: the path stays, and the next page is 1 (filled in), not the frontier.
  await walk(a, [[0, ABOUT, page(1)]]);
  const again = await a.get(page(1));
  assert.match(again.body, /name="statements.valued" value="sd" checked/);

  // No talk: the contact page leaves the path and its answer goes.
  await walk(a, [[2, NO_TALK, page(4)]]);
  assert.deepEqual(answeredIds(survey, await stored(app)), [
    'team',
    'tenure',
    'statements',
    'recommend',
    'improve',
    'talk',
  ]);

  // Happy after all: the follow-up leaves the path too.
  await walk(a, [[1, HAPPY, page(4)]]);
  assert.deepEqual(answeredIds(survey, await stored(app)), [
    'team',
    'tenure',
    'statements',
    'recommend',
  ]);
  const gone = await a.get(page(2));
  assert.equal(gone.location, page(4));
  // Back from the last page skips the pages that left the path.
  const last = await a.get(page(4));
  assert.match(last.body, /<a rel="prev" href="\/surveys\/engagement\/questions\/1"/);

  await walk(a, [[4, LAST, complete()]]);
  const [response] = (await exported(app)).responses;
  assert.ok(response?.completedAt);
  // The export holds exactly the answers on the final path (the skipped text exports as null).
  assert.deepEqual(
    response.answers.map((x) => x.id),
    ['team', 'tenure', 'statements', 'recommend', 'anything_else'],
  );
  assert.deepEqual(response.answers[2]?.answer, {
    'I feel valued for the work I do': 'Agree',
    'I have room to grow here': 'Agree',
    'My manager supports me': 'Strongly agree',
    'My workload is manageable': 'Neutral',
  });
});

test('five identical POSTs at once write once; an older second tab writes nothing', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, SLUG);
  await walk(a, [[0, ABOUT, page(1)]]);
  const before = await stored(app);
  const shown = await a.get(page(1));
  const form = { ...UNHAPPY, revision: revisionOf(shown.body) };
  const posts = await Promise.all([1, 2, 3, 4, 5].map(() => a.post(page(1), form)));
  for (const posted of posts) {
    assert.equal(posted.status, 303);
    assert.equal(posted.location, page(2));
  }
  const after = await stored(app);
  assert.equal(after.revision, before.revision + 1);
  assert.equal(after.answers.length, 4);

  // Two tabs on page 2: the first posts, the second (same cookies, same old form) then differs.
  const tab1 = await a.get(page(2));
  const tab2 = await a.get(page(2));
  const first = await a.post(page(2), { ...TALK, revision: revisionOf(tab1.body) });
  assert.equal(first.location, page(3));
  const written = await stored(app);
  const second = await a.post(page(2), { ...NO_TALK, revision: revisionOf(tab2.body) });
  assert.equal(second.status, 303);
  assert.equal(second.location, page(3));
  assert.deepEqual(await stored(app), written);
  assert.deepEqual(await noticesAfter(a, second), [STALE]);
});

test('a forged or missing revision writes nothing and is never a 5xx', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, SLUG);
  await walk(a, [[0, ABOUT, page(1)]]);
  const before = await stored(app);
  const forged: (string | string[] | undefined)[] = [
    'abc',
    '-1',
    '1.0',
    '01',
    '1e0',
    ' 1',
    '',
    '99999999999999999999999',
    String(Number.MAX_SAFE_INTEGER),
    ['1', '1'],
    undefined,
  ];
  for (const revision of forged) {
    const form = revision === undefined ? HAPPY : { ...HAPPY, revision };
    const posted = await a.post(page(1), form);
    assert.equal(posted.status, 303, `revision ${JSON.stringify(revision)}`);
    assert.equal(posted.location, page(1));
    assert.deepEqual(await stored(app), before, `revision ${JSON.stringify(revision)}`);
  }
});

test('a `pages:` page posts prefixed fields (ID, ID.comment, ID.ROW); a `questions:` file with conditions keeps the plain names', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, 'prefixed');
  const shown = await a.get(page(0, 'prefixed'));
  assert.match(shown.body, /name="colour" value="Red"/);
  assert.match(shown.body, /name="colour.comment"/);
  assert.match(shown.body, /name="rate.Speed" value="Good"/);
  const unprefixed = await a.post(page(0, 'prefixed'), {
    revision: revisionOf(shown.body),
    answer: 'Red',
    comment: 'warm',
    'answer.Speed': 'Good',
    'answer.Price': 'Bad',
  });
  assert.equal(unprefixed.status, 422);
  await walk(
    a,
    [
      [
        0,
        { colour: 'Red', 'colour.comment': 'warm', 'rate.Speed': 'Good', 'rate.Price': 'Bad' },
        page(1, 'prefixed'),
      ],
    ],
    'prefixed',
  );
  const state = await stored(app, 'prefixed');
  // Without allowBack an earlier page is neither shown nor written.
  const back = await a.get(page(0, 'prefixed'));
  assert.equal(back.location, page(1, 'prefixed'));
  assert.deepEqual(await noticesAfter(a, back), ['Invalid question id: 0.']);
  const repost = await a.post(page(0, 'prefixed'), {
    revision: String(state.revision),
    colour: 'Blue',
    'rate.Speed': 'Bad',
    'rate.Price': 'Bad',
  });
  assert.equal(repost.location, page(1, 'prefixed'));
  assert.deepEqual(await stored(app, 'prefixed'), state);
  assert.deepEqual(
    state.answers.map((x) => [x.question, x.answer, x.comment]),
    [
      [0, 'Red', 'warm'],
      [1, '', null],
    ],
  );
  assert.deepEqual(
    state.answers[1]?.items?.map((i) => [i.item, i.value]),
    [
      ['Speed', 'Good'],
      ['Price', 'Bad'],
    ],
  );

  const b = app.browser();
  await begin(b, 'early');
  const first = await b.get(page(0, 'early'));
  assert.match(first.body, /name="answer" value="yes"/);
  assert.match(first.body, /name="comment"/);
  const wrong = await b.post(page(0, 'early'), {
    revision: revisionOf(first.body),
    eligible: 'yes',
  });
  assert.equal(wrong.status, 422);
  await walk(b, [[0, { answer: 'yes', comment: 'sure' }, page(1, 'early')]], 'early');
  const grid = await b.get(page(1, 'early'));
  assert.match(grid.body, /name="answer.Speed" value="Good"/);
  await walk(
    b,
    [[1, { 'answer.Speed': 'Bad', 'answer.Price': 'Good' }, page(2, 'early')]],
    'early',
  );
  const early = await stored(app, 'early');
  assert.deepEqual(
    early.answers.map((x) => [x.question, x.answer, x.comment]),
    [
      [0, 'yes', 'sure'],
      [1, '', null],
    ],
  );
});

test('endIf ends the survey early: /complete, and the response is completed', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, 'early');
  await walk(a, [[0, { answer: 'no' }, complete('early')]], 'early');
  const state = await stored(app, 'early');
  assert.ok(state.completedAt);
  assert.equal((await a.get(complete('early'))).status, 200);
  const later = await a.get(page(1, 'early'));
  assert.equal(later.location, complete('early'));
  const [response] = (await exported(app, 'early')).responses;
  assert.equal(response?.completedAt, state.completedAt);
});

test('the progress bar is pages submitted on the path ÷ pages that may yet be on it', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, SLUG);
  const seen: [number, number][] = [];
  const steps: [number, Form][] = [
    [0, ABOUT],
    [1, UNHAPPY],
    [2, TALK],
    [3, CONTACT],
  ];
  for (const [n, form] of steps) {
    const shown = await a.get(page(n));
    seen.push(progressOf(shown.body));
    await a.post(page(n), { ...form, revision: revisionOf(shown.body) });
  }
  seen.push(progressOf((await a.get(page(4))).body));
  // The follow-up and contact pages count from the start: answers still to come may call
  // for them (decision 0032). Here they do, so the count stays at five.
  assert.deepEqual(seen, [
    [0, 5],
    [1, 5],
    [2, 5],
    [3, 5],
    [4, 5],
  ]);
  // Under Back the bar still counts what was submitted.
  assert.deepEqual(progressOf((await a.get(page(1))).body), [4, 5]);
});

test('the progress bar never goes back going forward: pages an answer may open count before it is given', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, 'opening');
  const seen: [number, number][] = [];
  const buttons: string[] = [];
  const steps: [number, Form][] = [
    [0, { q0: 'hi' }],
    [1, { more: 'yes' }],
    [2, { x2: '' }],
    [3, { x3: '' }],
    [4, { x4: '' }],
  ];
  for (const [n, form] of steps) {
    const shown = await a.get(page(n, 'opening'));
    assert.equal(shown.status, 200);
    seen.push(progressOf(shown.body));
    buttons.push(
      /<button type="submit" class="button button-primary">([^<]*)</.exec(shown.body)?.[1] ?? '',
    );
    await a.post(page(n, 'opening'), { ...form, revision: revisionOf(shown.body) });
  }
  assert.deepEqual(
    seen,
    [0, 1, 2, 3, 4].map((done) => [done, 5]),
  );
  // "Finish" only where nothing may follow: a yes on page 1 may still open three pages.
  assert.deepEqual(buttons, ['Next', 'Next', 'Next', 'Next', 'Finish']);

  // A no rules the three pages out: the bar jumps ahead rather than counting them.
  const b = app.browser();
  await begin(b, 'opening');
  let shown = await b.get(page(0, 'opening'));
  await b.post(page(0, 'opening'), { q0: 'hi', revision: revisionOf(shown.body) });
  shown = await b.get(page(1, 'opening'));
  assert.deepEqual(progressOf(shown.body), [1, 5]);
  const done = await b.post(page(1, 'opening'), { more: 'no', revision: revisionOf(shown.body) });
  assert.equal(done.location, complete('opening'));

  // An ending decided by page 0 ends the count on its page before that page is submitted.
  const c = app.browser();
  await begin(c, 'ending');
  shown = await c.get(page(0, 'ending'));
  assert.deepEqual(progressOf(shown.body), [0, 3]);
  await c.post(page(0, 'ending'), { a: 'no', revision: revisionOf(shown.body) });
  shown = await c.get(page(1, 'ending'));
  assert.deepEqual(progressOf(shown.body), [1, 2]);
  assert.match(shown.body, /Page 2 of 2/);
  assert.match(shown.body, />Finish</);
});

test('a path survey flashes a huge page number with every digit, as the seed does', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, SLUG);
  await a.get(page(0).replace(/0$/, '123456789012345678901'));
  const current = await a.get(page(0));
  assert.deepEqual(notices(current.body), ['Invalid question id: 123456789012345678901.']);
});

test('a page sent before that a changed answer gives a new question opens with its other answers filled in', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, 'gaining');
  let shown = await a.get(page(0, 'gaining'));
  await a.post(page(0, 'gaining'), { a: 'no', revision: revisionOf(shown.body) });
  shown = await a.get(page(1, 'gaining'));
  assert.doesNotMatch(shown.body, /name="b"/);
  const sent = await a.post(page(1, 'gaining'), {
    c: 'seen',
    d: 'no',
    revision: revisionOf(shown.body),
  });
  assert.equal(sent.location, page(2, 'gaining'));
  // Back to page 0: a yes asks `b` on page 1, which is to be sent again.
  shown = await a.get(page(0, 'gaining'));
  const changed = await a.post(page(0, 'gaining'), { a: 'yes', revision: revisionOf(shown.body) });
  assert.equal(changed.location, page(1, 'gaining'));
  shown = await a.get(page(1, 'gaining'));
  assert.equal(shown.status, 200);
  assert.match(shown.body, /<input [^>]*name="b" value=""/, 'the new question is empty');
  assert.match(shown.body, /<input [^>]*name="c"[^>]*value="seen"/, 'its text answer is kept');
  assert.match(shown.body, /<input [^>]*name="d" value="no"[^>]*checked/, 'its choice is kept');
  const again = await a.post(page(1, 'gaining'), {
    b: 'new',
    c: 'seen',
    d: 'no',
    revision: revisionOf(shown.body),
  });
  assert.equal(again.location, page(2, 'gaining'));
});

test('a `questions:` file without conditions keeps the classic flow: frontier = answers, no revision', async () => {
  const app = await start();
  const a = app.browser();
  await begin(a, 'plain');
  const first = await a.get(page(0, 'plain'));
  assert.equal(first.status, 200);
  assert.doesNotMatch(first.body, /name="revision"/);
  assert.doesNotMatch(first.body, /rel="prev"/);
  // No revision posted, and still written: the classic flow's insert-once is its check.
  const posted = await a.post(page(0, 'plain'), { answer: 'yes' });
  assert.equal(posted.location, page(1, 'plain'));
  const again = await a.post(page(0, 'plain'), { answer: 'no' });
  assert.equal(again.status, 303);
  assert.equal(again.location, page(1, 'plain'));
  const ahead = await a.get(page(2, 'plain'));
  assert.equal(ahead.location, page(1, 'plain'));
  assert.deepEqual(await noticesAfter(a, ahead), ['Invalid question id: 2.']);
  const behind = await a.get(page(0, 'plain'));
  assert.equal(behind.location, page(1, 'plain'));
  const state = await stored(app, 'plain');
  assert.deepEqual(
    state.answers.map((x) => x.answer),
    ['yes'],
  );
  assert.equal(state.revision, 0);
});
