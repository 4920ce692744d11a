import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { canonicalDefinition } from '../../src/domain/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';
import { everyKind, EVERY_KIND, EVERY_KIND_ANSWERS, storeResponse } from '../support/results.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SURVEY = everyKind('kinds');

const COMPLETE_1 = { ...EVERY_KIND_ANSWERS, d: { kind: 'other', text: 'bike' } };
const COMPLETE_2 = {
  c: { kind: 'choice', id: 'b' },
  d: { kind: 'choice', id: 'x' },
  yn: 'no',
  m: { ids: ['b'], other: 'cats' },
  t: null,
  lt: 'long',
  e: null,
  n: 7,
  dt: '2026-01-10',
  r: 3,
  p: 6,
  g: [{ row: 'r1', column: 'hi' }],
  rk: [
    { id: 'a', rank: 1 },
    { id: 'b', rank: 2 },
    { id: 'c', rank: 3 },
  ],
  cs: true,
  st: null,
};
const PARTIAL = { c: { kind: 'choice', id: 'a' }, d: { kind: 'choice', id: 'x' }, yn: 'yes' };

interface Json {
  survey: string;
  version: number;
  started: number;
  completed: number;
  questions: ({ id: string } & Record<string, unknown>)[];
}

async function seeded(): Promise<TestApp> {
  const app = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [SURVEY] });
  const [version] = await app.storage.listVersions('kinds');
  assert.ok(version !== undefined);
  for (const values of [COMPLETE_1, COMPLETE_2, PARTIAL]) {
    await storeResponse(app.storage, SURVEY, version.id, values);
  }
  return app;
}

async function getJson(app: TestApp, query = ''): Promise<{ status: number; body: unknown }> {
  const admin = app.browser();
  await logInAsAdmin(admin);
  const response = await admin.get(`/admin/surveys/kinds/results.json${query}`);
  return { status: response.status, body: JSON.parse(response.body) as unknown };
}

async function results(app: TestApp, query = ''): Promise<Json> {
  const { status, body } = await getJson(app, query);
  assert.equal(status, 200);
  return body as Json;
}

const byId = (json: Json, id: string) => {
  const q = json.questions.find((question) => question.id === id);
  assert.ok(q, `question ${id}`);
  return q;
};

test('results.json is for admins only', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  const response = await t.browser().get('/admin/surveys/satisfaction/results.json');
  assert.equal(response.status, 302);
  assert.match(response.location ?? '', /^\/admin\/login/);
});

test('a format-1 survey’s results.json has choices with counts and one-decimal percentages', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  for (const answers of [['Yes', 'No'], ['Yes'], ['No']]) {
    const browser = t.browser();
    await begin(browser, 'satisfaction');
    await answerAll(browser, 'satisfaction', answers);
  }
  const admin = t.browser();
  await logInAsAdmin(admin);
  const response = await admin.get('/admin/surveys/satisfaction/results.json');
  assert.equal(response.status, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  const json = JSON.parse(response.body) as Json;
  assert.equal(json.survey, 'satisfaction');
  assert.equal(json.version, 1);
  assert.equal(json.started, 3);
  assert.equal(json.completed, 0);
  assert.deepEqual(json.questions[0], {
    id: 'q1',
    type: 'choice',
    text: 'Have you shopped here before?',
    shown: 3,
    answered: 3,
    choices: [
      { id: 'Yes', text: 'Yes', count: 2, percent: 66.7 },
      { id: 'No', text: 'No', count: 1, percent: 33.3 },
    ],
  });
  // All three reached question 2 (they submitted question 1); one answered it.
  assert.equal(byId(json, 'q2').shown, 3);
  assert.equal(byId(json, 'q2').answered, 1);
});

test('results.json has each kind’s figures and leaves statements out', async () => {
  t = await seeded();
  const json = await results(t);
  assert.equal(json.survey, 'kinds');
  assert.equal(json.started, 3);
  assert.equal(json.completed, 2);
  assert.deepEqual(
    json.questions.map((q) => q.id),
    EVERY_KIND.filter((q) => q.type !== 'statement').map((q) => q.id),
  );
  assert.deepEqual(byId(json, 'c'), {
    id: 'c',
    type: 'choice',
    text: 'C',
    shown: 3,
    answered: 3,
    choices: [
      { id: 'a', text: 'a', count: 2, percent: 66.7 },
      { id: 'b', text: 'b', count: 1, percent: 33.3 },
      { id: 'c', text: 'c', count: 0, percent: 0 },
    ],
  });
  assert.deepEqual(byId(json, 'd').other, { count: 1 });
  assert.deepEqual(byId(json, 'yn').choices, [
    { id: 'yes', text: 'Yes', count: 2, percent: 66.7 },
    { id: 'no', text: 'No', count: 1, percent: 33.3 },
  ]);
  const multi = byId(json, 'm');
  assert.equal(multi.answered, 2);
  assert.deepEqual(
    (multi.choices as { percent: number }[]).map((c) => c.percent),
    [50, 100, 0],
  );
  assert.deepEqual(multi.other, { count: 1 });
  assert.deepEqual(
    ['t', 'lt', 'e'].map((id) => [byId(json, id).shown, byId(json, id).answered]),
    [
      [2, 1],
      [2, 1],
      [2, 1],
    ],
  );
  const number = byId(json, 'n');
  assert.deepEqual([number.mean, number.median, number.min, number.max], [5.5, 5.5, 4, 7]);
  const date = byId(json, 'dt');
  assert.deepEqual([date.min, date.max, date.median], ['2026-01-02', '2026-01-10', '2026-01-02']);
  const rating = byId(json, 'r');
  assert.deepEqual([rating.mean, rating.median, rating.min, rating.max], [4, 4, 3, 5]);
  assert.deepEqual(
    (rating.choices as { count: number }[]).map((c) => c.count),
    [0, 0, 1, 0, 1],
  );
  assert.deepEqual(byId(json, 'p').nps, { score: 0, promoters: 1, passives: 0, detractors: 1 });
  assert.deepEqual(byId(json, 'g').rows, [
    {
      id: 'r1',
      text: 'r1',
      answered: 2,
      choices: [
        { id: 'lo', text: 'Low', count: 1, percent: 50 },
        { id: 'hi', text: 'High', count: 1, percent: 50 },
        { id: 'na', text: 'na', count: 0, percent: 0 },
      ],
      mean: 3,
    },
    {
      id: 'r2',
      text: 'r2',
      answered: 1,
      choices: [
        { id: 'lo', text: 'Low', count: 0, percent: 0 },
        { id: 'hi', text: 'High', count: 1, percent: 100 },
        { id: 'na', text: 'na', count: 0, percent: 0 },
      ],
      mean: 5,
    },
  ]);
  assert.deepEqual(byId(json, 'rk').items, [
    { id: 'a', text: 'a', averageRank: 1.5, first: 1 },
    { id: 'b', text: 'b', averageRank: 1.5, first: 1 },
    { id: 'c', text: 'c', averageRank: 3, first: 0 },
  ]);
  assert.deepEqual(byId(json, 'cs').choices, [{ id: 'yes', text: 'CS', count: 2, percent: 100 }]);
});

test('?filter= counts only the responses with that answer, and several filters must all hold', async () => {
  t = await seeded();
  const yes = await results(t, '?filter=yn:yes');
  assert.deepEqual([yes.started, yes.completed], [2, 1]);
  assert.deepEqual(
    (byId(yes, 'c').choices as { count: number }[]).map((c) => c.count),
    [2, 0, 0],
  );
  const both = await results(t, '?filter=m:b&filter=c:b');
  assert.deepEqual([both.started, both.completed], [1, 1]);
  assert.equal(byId(both, 'n').mean, 7);
  const none = await results(t, '?filter=m:b&filter=yn:no&filter=c:a');
  assert.deepEqual([none.started, none.completed], [0, 0]);
  assert.equal(byId(none, 'n').mean, null);
});

test('?completed=1 counts only completed responses', async () => {
  t = await seeded();
  const json = await results(t, '?completed=1');
  assert.deepEqual([json.started, json.completed], [2, 2]);
  assert.deepEqual(
    (byId(json, 'c').choices as { count: number }[]).map((c) => c.count),
    [1, 1, 0],
  );
  assert.equal(byId(json, 'yn').shown, 2);
});

test('a filter naming an unknown question or choice is a 422 that says which', async () => {
  t = await seeded();
  const question = await getJson(t, '?filter=nope:a');
  assert.equal(question.status, 422);
  assert.match((question.body as { error: string }).error, /no question "nope"/);
  const choice = await getJson(t, '?filter=c:zz');
  assert.equal(choice.status, 422);
  assert.match((choice.body as { error: string }).error, /no choice "zz".*a, b, c/);
  const text = await getJson(t, '?filter=t:hi');
  assert.equal(text.status, 422);
  assert.match((text.body as { error: string }).error, /no choices to filter by/);
  const shape = await getJson(t, '?filter=c');
  assert.equal(shape.status, 422);
});

test('an unknown survey or version is a 404', async () => {
  t = await seeded();
  assert.equal((await getJson(t, '?version=9')).status, 404);
  assert.equal((await getJson(t, '?version=abc')).status, 404);
  assert.equal((await getJson(t, '?completed=yes')).status, 422);
  const admin = t.browser();
  await logInAsAdmin(admin);
  assert.equal((await admin.get('/admin/surveys/nope/results.json')).status, 404);
});

test('by default a question’s figures add up the versions where it is the same question', async () => {
  t = await seeded();
  // Version 2: a question in front (indexes shift), `c` with another choice list.
  const v2questions = [
    { id: 'intro', type: 'yesno', text: 'Intro' },
    ...EVERY_KIND.map((q) => (q.id === 'c' ? { ...q, choices: ['a', 'b'] } : q)),
  ];
  const v2 = everyKind('kinds', v2questions);
  const definition = canonicalDefinition(v2);
  const stored = await t.storage.registerVersion({
    survey: 'kinds',
    hash: definition,
    definition,
    at: new Date(),
  });
  assert.equal(stored.number, 2);
  await storeResponse(t.storage, v2, stored.id, {
    intro: 'no',
    c: { kind: 'choice', id: 'b' },
    d: { kind: 'choice', id: 'y' },
  });
  const all = await results(t);
  assert.equal(all.version, 1);
  assert.equal(all.started, 4);
  // `d` is the same question in both versions: 3 answers from version 1, 1 from version 2.
  assert.deepEqual(
    (byId(all, 'd').choices as { count: number }[]).map((c) => c.count),
    [2, 1],
  );
  assert.equal(byId(all, 'd').shown, 4);
  // `c` changed its choices: version 1's figures only.
  assert.deepEqual(
    (byId(all, 'c').choices as { count: number }[]).map((c) => c.count),
    [2, 1, 0],
  );
  const one = await results(t, '?version=1');
  assert.deepEqual(
    (byId(one, 'd').choices as { count: number }[]).map((c) => c.count),
    [2, 0],
  );
  const two = await results(t, '?version=2');
  assert.equal(two.version, 2);
  assert.equal(two.started, 1);
  assert.deepEqual(
    (byId(two, 'c').choices as { count: number }[]).map((c) => c.count),
    [0, 1],
  );
});

test('?by= cross-tabulates every question by the choices of one question', async () => {
  t = await seeded();
  const json = (await results(t, '?by=yn')) as Json & {
    by: {
      id: string;
      groups: { id: string; text: string; started: number; questions: Json['questions'] }[];
    };
  };
  assert.equal(json.started, 3);
  assert.equal(json.by.id, 'yn');
  assert.deepEqual(
    json.by.groups.map((g) => [g.id, g.text, g.started]),
    [
      ['yes', 'Yes', 2],
      ['no', 'No', 1],
    ],
  );
  const [yes, no] = json.by.groups;
  assert.ok(yes && no);
  const counts = (questions: Json['questions']) =>
    (questions.find((q) => q.id === 'c')?.choices as { count: number }[]).map((c) => c.count);
  assert.deepEqual(counts(yes.questions), [2, 0, 0]);
  assert.deepEqual(counts(no.questions), [0, 1, 0]);
  const bad = await getJson(t, '?by=t');
  assert.equal(bad.status, 422);
  assert.match((bad.body as { error: string }).error, /no choices to cross-tabulate by/);
});
