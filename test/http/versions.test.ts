import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { loadSurveyDirectory, surveyFromDefinition } from '../../src/domain/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { startTestApp, type TestApp } from '../support/app.js';
import type { Browser } from '../support/browser.js';
import { answerAll, begin } from '../support/flow.js';

const VERSION_1 = `title: Pulse
questions:
  - text: Colour?
    choices: [Red, Blue]
  - text: Size?
    choices: [S, M]
  - text: Again?
`;
const VERSION_2 = `title: Pulse
questions:
  - text: Colour?
    choices: [Red, Green]
  - text: Taste?
    choices: [Sweet, Sour]
`;

const apps: TestApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts an app on the survey files as they are now in `dir` (a fresh start or a restart). */
async function serve(dir: string, databaseUrl?: string): Promise<TestApp> {
  const { surveys, errors } = await loadSurveyDirectory(dir);
  assert.deepEqual(errors, []);
  const app = await startTestApp({
    surveys,
    adminPassword: ADMIN_PASSWORD,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
  });
  apps.push(app);
  return app;
}

/** The same browser (its session cookie) talking to another app instance. */
async function carryOver(browser: Browser, app: TestApp): Promise<Browser> {
  const moved = app.browser();
  const cookie = await browser.sessionCookie();
  assert.ok(cookie);
  await moved.jar.setCookie(`session=${cookie}; Path=/`, moved.origin);
  return moved;
}

test('a respondent who began before the file changed finishes on the version they began', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-versions-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'pulse.yaml'), VERSION_1);
  const before = await serve(dir);
  const early = before.browser();
  await begin(early, 'pulse');
  await answerAll(early, 'pulse', ['Red']);
  const finished = before.browser();
  await begin(finished, 'pulse');
  await answerAll(finished, 'pulse', ['Blue', 'S', 'Yes']);

  // The owner edits the file mid-collection; the second instance serves the new definition
  // (the first still runs: respondents may hop between instances).
  writeFileSync(join(dir, 'pulse.yaml'), VERSION_2);
  const after = await serve(dir, before.databaseUrl);

  const resumed = await carryOver(early, after);
  const question = await resumed.get('/surveys/pulse/questions/1');
  assert.equal(question.status, 200);
  assert.match(question.body, /Size\?/);
  assert.match(question.body, /Question 2 of 3/);
  assert.doesNotMatch(question.body, /Taste\?/);
  // An answer only the new version accepts is refused: the old question list applies.
  assert.equal((await resumed.post('/surveys/pulse/questions/1', { answer: 'Sweet' })).status, 422);
  const last = await answerAll(resumed, 'pulse', ['M', 'No'], 1);
  assert.equal(last.location, '/surveys/pulse/complete');
  const thanks = await resumed.get('/surveys/pulse/complete');
  assert.match(thanks.body, /Size\?<\/p><p class="answer-choice">M/);

  const newcomer = after.browser();
  await begin(newcomer, 'pulse');
  const newQuestion = await newcomer.get('/surveys/pulse/questions/1');
  assert.equal(newQuestion.status, 302, 'question 1 before answering question 0');
  await answerAll(newcomer, 'pulse', ['Green', 'Sweet']);

  const stored = await after.storage.listResponses('pulse');
  const versions = await after.storage.listVersions('pulse');
  const idOf = (number: number) => versions.find((v) => v.number === number)?.id;
  assert.deepEqual(
    stored.map((r) => [r.versionId, r.completedAt !== null, r.answers.map((a) => a.answer)]),
    [
      [idOf(1), true, ['Red', 'M', 'No']],
      [idOf(1), true, ['Blue', 'S', 'Yes']],
      [idOf(2), true, ['Green', 'Sweet']],
    ],
  );
});

test('results and exports keep the versions apart, under their own questions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-versions-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'pulse.yaml'), VERSION_1);
  const before = await serve(dir);
  const early = before.browser();
  await begin(early, 'pulse');
  await answerAll(early, 'pulse', ['Red']);
  writeFileSync(join(dir, 'pulse.yaml'), VERSION_2);
  const after = await serve(dir, before.databaseUrl);
  await answerAll(await carryOver(early, after), 'pulse', ['M', 'Yes'], 1);
  const newcomer = after.browser();
  await begin(newcomer, 'pulse');
  await answerAll(newcomer, 'pulse', ['Red', 'Sour']);

  const admin = after.browser();
  await logInAsAdmin(admin);
  const current = await admin.get('/admin/surveys/pulse');
  assert.match(current.body, /Version 2 \(current\): 1 started, 1 completed/);
  assert.match(current.body, /Taste\?/);
  assert.doesNotMatch(current.body, /Size\?|Again\?|Blue/);
  assert.match(
    current.body,
    // The row is a link that filters by its choice (issue 17 item 1).
    /<tr><th scope="row"><a href="\?version=2&amp;filter=q1%3ARed">Red<\/a><\/th><td class="num">1<\/td><td class="num">100%<\/td>/,
  );
  assert.match(current.body, /href="\/admin\/surveys\/pulse\?version=1"/);

  const old = await admin.get('/admin/surveys/pulse?version=1');
  assert.match(old.body, /Version 1: 1 started, 1 completed/);
  assert.match(old.body, /Size\?/);
  assert.doesNotMatch(old.body, /Taste\?|Green|Sour/);
  assert.match(
    old.body,
    /<tr><th scope="row"><a href="\?version=1&amp;filter=q2%3AM">M<\/a><\/th><td class="num">1<\/td><td class="num">100%<\/td>/,
  );

  const csv2 = await admin.get('/admin/surveys/pulse/responses.csv');
  assert.match(
    csv2.body,
    /^id,started_at,completed_at,Colour\?,Taste\?\r\n[0-9]+,[^,]+,[^,]+,Red,Sour\r\n$/,
  );
  const csv1 = await admin.get('/admin/surveys/pulse/responses.csv?version=1');
  assert.match(
    csv1.body,
    /^id,started_at,completed_at,Colour\?,Size\?,Again\?\r\n[0-9]+,[^,]+,[^,]+,Red,M,Yes\r\n$/,
  );
  const json1 = JSON.parse(
    (await admin.get('/admin/surveys/pulse/responses.json?version=1')).body,
  ) as {
    version: number;
    responses: { answers: { question: string }[] }[];
  };
  assert.equal(json1.version, 1);
  assert.deepEqual(
    json1.responses[0]?.answers.map((a) => a.question),
    ['Colour?', 'Size?', 'Again?'],
  );
});

test('restarting with an unchanged file keeps one version', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-versions-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'pulse.yaml'), VERSION_1);
  const first = await serve(dir);
  // Same definition, written differently: key order, explicit defaults, comments.
  writeFileSync(
    join(dir, 'pulse.yaml'),
    `# reformatted\n${VERSION_1.replace('  - text: Again?\n', '  - choices: [Yes, No]\n    text: Again?\n    allowText: false\n')}allowRetake: false\n`,
  );
  const second = await serve(dir, first.databaseUrl);
  assert.deepEqual(
    (await second.storage.listVersions('pulse')).map((v) => v.number),
    [1],
  );
});

test('a pages: file is stored as a version and read back from the database as the same survey', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-versions-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'paged.yaml'),
    `title: Paged
allowBack: true
pages:
  - id: about
    title: About you
    questions:
      - id: role
        choices: [dev, ops]
        text: Role?
      - type: yesno
        text: Remote?
  - id: more
    showIf: {q: role, is: dev}
    questions:
      - type: rating
        text: Happy?
        endIf: {q: q3, lte: 2}
        endText: Sorry to hear it.
`,
  );
  const app = await serve(dir);
  const [survey] = (await loadSurveyDirectory(dir)).surveys;
  assert.ok(survey);
  const [summary] = await app.storage.listVersions('paged');
  assert.ok(summary);
  const stored = await app.storage.getVersion(summary.id);
  assert.ok(stored);
  assert.deepEqual(surveyFromDefinition('paged', stored.definition), survey);
});
