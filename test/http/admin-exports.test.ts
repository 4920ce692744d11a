import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const survey = makeSurvey('export', {
  title: 'Export',
  questions: [
    { text: 'Pick, one', choices: ['=1+1', 'He said "hi"', 'line\nbreak', 'plain'] },
    { text: 'Why?', choices: ['@home', 'café ☕'], allowText: true },
  ],
});

async function setUp() {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [survey] });
  const complete = t.browser();
  await begin(complete, 'export');
  await answerAll(complete, 'export', [
    '=1+1',
    { answer: 'café ☕', comment: '-2+3, "quoted"\r\nnext line' },
  ]);
  const partial = t.browser();
  await begin(partial, 'export');
  await answerAll(partial, 'export', ['He said "hi"']);
  const admin = t.browser();
  await logInAsAdmin(admin);
  const responses = await t.storage.listResponses('export');
  return { admin, responses };
}

test('exports every response as RFC 4180 CSV with the spec’s header, formulas neutralised', async () => {
  const { admin, responses } = await setUp();
  const [done, partial] = responses;
  assert.ok(done && partial);
  const csv = await admin.get('/admin/surveys/export/responses.csv');
  assert.equal(csv.status, 200);
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8; header=present');
  assert.match(
    String(csv.headers['content-disposition']),
    /^attachment; filename="export-v1-responses\.csv"$/,
  );
  assert.equal(
    csv.body,
    'id,started_at,completed_at,"Pick, one",Why?,Why? (comment)\r\n' +
      `${done.id},${done.startedAt},${done.completedAt},'=1+1,café ☕,"'-2+3, ""quoted""\r\nnext line"\r\n` +
      `${partial.id},${partial.startedAt},,"He said ""hi""",,\r\n`,
  );
});

test('exports every response as JSON, with null completedAt until the last answer', async () => {
  const { admin, responses } = await setUp();
  const [done, partial] = responses;
  assert.ok(done && partial);
  const json = await admin.get('/admin/surveys/export/responses.json');
  assert.equal(json.status, 200);
  assert.equal(json.headers['content-type'], 'application/json; charset=utf-8');
  assert.deepEqual(JSON.parse(json.body), {
    survey: 'export',
    version: 1,
    responses: [
      {
        id: done.id,
        startedAt: done.startedAt,
        completedAt: done.completedAt,
        answers: [
          { question: 'Pick, one', answer: '=1+1', comment: null },
          { question: 'Why?', answer: 'café ☕', comment: '-2+3, "quoted"\r\nnext line' },
        ],
      },
      {
        id: partial.id,
        startedAt: partial.startedAt,
        completedAt: null,
        answers: [{ question: 'Pick, one', answer: 'He said "hi"', comment: null }],
      },
    ],
  });
});

test('exports a survey without responses as a header and an empty list', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [survey] });
  const admin = t.browser();
  await logInAsAdmin(admin);
  const csv = await admin.get('/admin/surveys/export/responses.csv');
  assert.equal(csv.body, 'id,started_at,completed_at,"Pick, one",Why?,Why? (comment)\r\n');
  const json = await admin.get('/admin/surveys/export/responses.json');
  assert.deepEqual(JSON.parse(json.body), { survey: 'export', version: 1, responses: [] });
});

test('exports many responses completely, in id order', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD, surveys: [survey] });
  const versionId = (await t.storage.listVersions('export'))[0]?.id;
  assert.ok(versionId !== undefined);
  const ids: number[] = [];
  // More than one keyset page (500) of responses.
  for (let i = 0; i < 1_203; i++) {
    const id = await t.storage.createResponse({
      survey: 'export',
      versionId,
      startedAt: new Date(),
    });
    await t.storage.recordAnswer({
      responseId: id,
      survey: 'export',
      question: 0,
      answer: 'plain',
      comment: null,
      completes: false,
      at: new Date(),
    });
    ids.push(id);
  }
  const admin = t.browser();
  await logInAsAdmin(admin);
  const csv = await admin.get('/admin/surveys/export/responses.csv');
  const rows = csv.body.split('\r\n').slice(1, -1);
  assert.deepEqual(
    rows.map((row) => Number(row.split(',')[0])),
    ids,
  );
  assert.ok(rows.every((row) => row.endsWith(',plain,,')));
});
