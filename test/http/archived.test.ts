/**
 * Issue 16 item 4, in process: a survey stored by an earlier run whose file is gone now is
 * archived from startup (not listed, not takeable, its results kept), and a reload that the
 * database refuses keeps the last version serving. On the test engine.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { answerAll, begin } from '../support/flow.js';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0).reverse()) await app.close();
});

const old = makeSurvey('old', { title: 'Old survey', questions: [{ text: 'Fine?' }] });
const kept = makeSurvey('kept', { title: 'Kept survey', questions: [{ text: 'Well?' }] });

test('a survey with stored versions and no file is archived at startup: ended, refused, its results kept', async () => {
  const first = await startTestApp({ surveys: [old, kept] });
  apps.push(first);
  const respondent = first.browser();
  await begin(respondent, 'old');
  await answerAll(respondent, 'old', ['Yes']);
  await first.app.close();

  const second = await startTestApp({
    surveys: [kept],
    databaseUrl: first.databaseUrl,
    adminPassword: ADMIN_PASSWORD,
  });
  apps.push(second);
  const visitor = second.browser();
  const home = await visitor.get('/');
  assert.doesNotMatch(home.body, /Old survey/);
  const start = await visitor.get('/surveys/old');
  assert.equal(start.status, 200);
  assert.match(start.body, /<h1>Old survey<\/h1>\n<p class="closed">This survey has ended\.<\/p>/);
  assert.doesNotMatch(start.body, /begin/);
  // The ended page has no form; a token from another page passes the CSRF check.
  assert.equal((await visitor.get('/surveys/kept')).status, 200);
  const refused = await visitor.post('/surveys/old/begin');
  assert.deepEqual([refused.status, refused.location], [303, '/surveys/old']);
  assert.equal((await visitor.get('/surveys/old/complete')).location, '/surveys/old');
  assert.equal((await visitor.get('/surveys/old/questions/x')).status, 404);
  assert.equal((await visitor.get('/surveys/never/questions/0')).status, 404);

  const admin = second.browser();
  await logInAsAdmin(admin);
  assert.match(
    (await admin.get('/admin')).body,
    /Old survey<\/a> <span class="meta survey-state">\(archived\)/,
  );
  const json = JSON.parse((await admin.get('/admin/surveys/old/results.json')).body) as {
    completed: number;
    archived?: boolean;
  };
  assert.deepEqual([json.completed, json.archived], [1, true]);
  const live = JSON.parse((await admin.get('/admin/surveys/kept/results.json')).body) as object;
  assert.equal('archived' in live, false, 'a live survey’s figures keep their keys');
  const csv = await admin.get('/admin/surveys/old/responses.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.body, /\r\n\d+,[^,]+,[^,]+,Yes\r\n$/);
  assert.equal((await admin.get('/admin/surveys/never')).status, 404);
});

test('a reload the database refuses keeps the last version serving and reports the problem', async () => {
  const t = await startTestApp({ surveys: [kept] });
  apps.push(t);
  await t.storage.close();
  const changed = makeSurvey('kept', { title: 'Kept, changed', questions: [{ text: 'Well?' }] });
  const report = await t.app.canvassSurveys.reload({
    kind: 'read',
    surveys: [changed],
    errors: [],
    invalid: [],
  });
  assert.deepEqual([report.changed, report.removed], [[], []]);
  assert.match(report.problems[0]?.message ?? '', /^not reloaded: /);
  assert.equal(t.app.canvassSurveys.surveys.get('kept')?.title, 'Kept survey');
});
