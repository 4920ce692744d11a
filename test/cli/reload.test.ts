/**
 * Issue 16 item 4: the real `canvass serve` process picks up added, changed, broken and removed
 * survey files without a restart. Real files in a temp dir, real fs watching; each change is
 * awaited by polling the HTTP answer with a bounded timeout, never a fixed sleep. On the test
 * engine (`CANVASS_TEST_ENGINE=postgres` for the real PostgreSQL).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { openStorage } from '../../src/storage/index.js';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { TEST_ENGINE } from '../support/app.js';
import { Browser, httpTransport, type TestResponse } from '../support/browser.js';
import { begin } from '../support/flow.js';
import { createTestDatabase } from '../support/postgres.js';
import { cleanEnv, startServer, type RunningServer } from '../support/process.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Running {
  readonly server: RunningServer;
  readonly surveys: string;
  readonly databaseUrl: string;
  browser(): Browser;
  write(name: string, text: string): void;
  remove(name: string): void;
}

/** `canvass serve` over a fresh surveys directory holding `files`, on the test engine. */
async function serveFiles(files: Record<string, string>): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-reload-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const surveys = join(dir, 'surveys');
  mkdirSync(surveys);
  const write = (name: string, text: string) => {
    writeFileSync(join(surveys, name), text);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  let databaseUrl = `sqlite:${join(dir, 'canvass.db')}`;
  if (TEST_ENGINE === 'postgres') {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    databaseUrl = database.url;
  }
  const env = cleanEnv({ ADMIN_PASSWORD, CANVASS_SURVEYS: surveys });
  const server = await startServer(
    ['--port', '0', '--database', databaseUrl, '--data-dir', dir],
    env,
  );
  cleanups.push(async () => {
    await server.stop('SIGTERM');
  });
  return {
    server,
    surveys,
    databaseUrl,
    browser: () => new Browser(httpTransport(server.url), server.url),
    write,
    remove: (name) => {
      unlinkSync(join(surveys, name));
    },
  };
}

/** GETs `path` until `ready` holds of the answer, for at most 10 s; every answer is below 500. */
async function waitFor(
  browser: Browser,
  path: string,
  ready: (response: TestResponse) => boolean,
): Promise<TestResponse> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await browser.get(path);
    assert.ok(response.status < 500, `${path} answered ${response.status}`);
    if (ready(response)) return response;
    if (Date.now() > deadline) {
      assert.fail(`${path} did not change within 10 s; last answer ${response.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const twoQuestions = (title: string, second = 'Second?') =>
  `title: ${title}\nquestions:\n  - text: First?\n  - text: ${second}\n`;

test('added, changed and removed files are picked up while serving; a removed survey is archived with its results kept', async () => {
  const running = await serveFiles({
    'alpha.yaml': twoQuestions('Alpha'),
    'hush.yaml': 'title: Hush\nlisted: false\nquestions: [{text: Quiet?}]\n',
  });
  const visitor = running.browser();

  // listed: false keeps a survey off the home page; its link still works.
  const home = await visitor.get('/');
  assert.match(home.body, /Alpha/);
  assert.doesNotMatch(home.body, /Hush/);
  assert.equal((await visitor.get('/surveys/hush')).status, 200);

  // One respondent completes alpha; another stops part-way through.
  const done = running.browser();
  await begin(done, 'alpha');
  assert.equal((await done.post('/surveys/alpha/questions/0', { answer: 'Yes' })).status, 303);
  const last = await done.post('/surveys/alpha/questions/1', { answer: 'No' });
  assert.equal(last.location, '/surveys/alpha/complete');
  const midway = running.browser();
  await begin(midway, 'alpha');
  assert.equal((await midway.post('/surveys/alpha/questions/0', { answer: 'No' })).status, 303);

  // A changed file is a new version for new respondents; the one part-way keeps theirs.
  running.write('alpha.yaml', twoQuestions('Alpha renamed', 'Changed second?'));
  await waitFor(visitor, '/', (r) => r.body.includes('Alpha renamed'));
  const kept = await midway.get('/surveys/alpha/questions/1');
  assert.equal(kept.status, 200);
  assert.match(kept.body, /Second\?/);
  assert.doesNotMatch(kept.body, /Changed second/);

  // An added file is listed and takeable.
  running.write('gamma.json', JSON.stringify({ title: 'Gamma', questions: [{ text: 'G?' }] }));
  await waitFor(visitor, '/', (r) => r.body.includes('Gamma'));
  await begin(running.browser(), 'gamma');

  // A removed file: archived. Not listed, its start page says it has ended, begin refuses.
  running.remove('alpha.yaml');
  const ended = await waitFor(visitor, '/surveys/alpha', (r) =>
    r.body.includes('This survey has ended.'),
  );
  assert.equal(ended.status, 200);
  assert.doesNotMatch(ended.body, /\/begin/);
  assert.doesNotMatch((await visitor.get('/')).body, /Alpha/);
  const refused = await visitor.post('/surveys/alpha/begin');
  assert.equal(refused.status, 303);
  assert.equal(refused.location, '/surveys/alpha');
  // The survey ends for the respondent part-way too: back to the start page, answers kept.
  const page = await midway.get('/surveys/alpha/questions/1');
  assert.equal(page.status, 302);
  assert.equal(page.location, '/surveys/alpha');
  const post = await midway.post('/surveys/alpha/questions/1', { answer: 'Yes' });
  assert.equal(post.status, 303);
  assert.equal(post.location, '/surveys/alpha');
  assert.equal((await visitor.get('/surveys/nothing-here')).status, 404);

  // The admin area keeps the archived survey's results, results.json and exports, marked.
  const admin = running.browser();
  await logInAsAdmin(admin);
  const dashboard = await admin.get('/admin');
  assert.match(dashboard.body, /Alpha renamed<\/a> <span class="meta survey-state">\(archived\)/);
  assert.match(dashboard.body, /Hush<\/a> <span class="meta survey-state">\(not listed\)/);
  const results = await admin.get('/admin/surveys/alpha');
  assert.equal(results.status, 200);
  assert.match(results.body, /<strong>Archived<\/strong>/);
  const json = await admin.get('/admin/surveys/alpha/results.json');
  assert.equal(json.status, 200);
  const figures = JSON.parse(json.body) as { archived?: boolean; started: number };
  assert.equal(figures.archived, true);
  assert.equal(figures.started, 2);
  const csv = await admin.get('/admin/surveys/alpha/responses.csv?version=1');
  assert.equal(csv.status, 200);
  assert.equal(csv.body.trim().split('\r\n').length, 3, 'a header and both responses');

  const storage = await openStorage(running.databaseUrl);
  try {
    const stored = await storage.listResponses('alpha');
    assert.equal(stored.length, 2);
    assert.deepEqual(stored.map((r) => r.answers.length).sort(), [1, 2]);
  } finally {
    await storage.close();
  }

  // Put back, it is served again (its stored version, the same hash).
  running.write('alpha.yaml', twoQuestions('Alpha renamed', 'Changed second?'));
  await waitFor(visitor, '/surveys/alpha', (r) => r.body.includes('/begin'));
});

test('a file turned invalid keeps its last valid version serving, said in the log and on the dashboard', async () => {
  const running = await serveFiles({ 'alpha.yaml': twoQuestions('Alpha') });
  const admin = running.browser();
  await logInAsAdmin(admin);

  running.write(
    'alpha.yaml',
    'title: Alpha broken\nquestions:\n  - text: First?\n    colour: red\n',
  );
  running.write('Bad Name.yaml', twoQuestions('Bad'));
  running.write('delta.yaml', 'title: [unclosed\n');
  const dashboard = await waitFor(admin, '/admin', (r) => r.body.includes('delta.yaml'));
  assert.match(dashboard.body, /Survey file problems/);
  assert.match(
    dashboard.body,
    /alpha\.yaml: questions\[0\]: question 1 \(id: q1\), line 4: unknown key/,
  );
  assert.match(dashboard.body, /Bad Name\.yaml: the file name must be SLUG\.yaml/);
  const logged = await running.server.outputMatching(/Invalid survey files \(the last valid/);
  assert.match(logged, /alpha\.yaml: questions\[0\]: question 1 \(id: q1\), line 4: unknown key/);

  // The last valid alpha keeps serving and taking answers; the invalid new file is not served.
  const visitor = running.browser();
  const start = await visitor.get('/surveys/alpha');
  assert.equal(start.status, 200);
  assert.match(start.body, /<h1>Alpha<\/h1>/);
  await begin(visitor, 'alpha');
  assert.equal((await visitor.post('/surveys/alpha/questions/0', { answer: 'Yes' })).status, 303);
  assert.equal((await visitor.get('/surveys/delta')).status, 404);

  // Fixed, the new version serves and the problems are gone.
  running.write('alpha.yaml', twoQuestions('Alpha fixed'));
  running.remove('delta.yaml');
  running.remove('Bad Name.yaml');
  await waitFor(visitor, '/', (r) => r.body.includes('Alpha fixed'));
  const clean = await waitFor(admin, '/admin', (r) => !r.body.includes('Survey file problems'));
  assert.match(clean.body, /Alpha fixed/);
  // The respondent part-way keeps their version.
  const second = await visitor.get('/surveys/alpha/questions/1');
  assert.equal(second.status, 200);
});

test('an invalid survey file still stops startup', async () => {
  await assert.rejects(
    serveFiles({ 'alpha.yaml': 'title: Alpha\nquestions:\n  - text: First?\n    colour: red\n' }),
    /Invalid survey files:\n {2}\S*alpha\.yaml: questions\[0\]: question 1 \(id: q1\), line 4: unknown key "colour"/,
  );
});
