import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import pg from 'pg';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport, type TestResponse } from '../support/browser.js';
import { assertUnavailablePage, storedAnswers } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import {
  createTestDatabase,
  postgresUnavailableReason,
  POSTGRES_ADMIN_URL,
  type TestDatabase,
} from '../support/postgres.js';
import { cleanEnv, startServer } from '../support/process.js';

/** A database of the shared PostgreSQL for this test alone, or undefined when skipped. */
async function ownDatabase(t: TestContext): Promise<TestDatabase | undefined> {
  const reason = await postgresUnavailableReason();
  if (reason !== undefined) {
    if (process.env.CI === 'true') throw new Error(reason);
    t.skip(reason);
    return undefined;
  }
  const database = await createTestDatabase();
  t.after(() => database.drop());
  return database;
}

/**
 * Ends every connection to `database` but our own, as a PostgreSQL restart or failover does
 * (SQLSTATE 57P01 on each); only this test's database is touched. Returns how many it ended.
 */
async function terminateBackends(database: TestDatabase): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ ended: boolean }>(
      'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database.name],
    );
    return rows.filter((row) => row.ended).length;
  } finally {
    await client.end();
  }
}

/** One respondent's whole survey, each step either its expected status or the 503 page. */
async function respondent(baseUrl: string, seen: TestResponse[]): Promise<void> {
  const browser = new Browser(httpTransport(baseUrl), baseUrl);
  const step = async (response: Promise<TestResponse>) => {
    const got = await response;
    seen.push(got);
    return got.status !== 503;
  };
  if (!(await step(browser.get('/surveys/satisfaction')))) return;
  if (!(await step(browser.post('/surveys/satisfaction/begin')))) return;
  for (const [question, answer] of ['Yes', 'No', 'Less than $10,000', 'Yes'].entries()) {
    const path = `/surveys/satisfaction/questions/${question}`;
    if (!(await step(browser.get(path)))) return;
    if (!(await step(browser.post(path, { answer })))) return;
  }
}

test('pg_terminate_backend on every connection while respondents answer: the process stays up, each request is answered or gets the 503 page, and service resumes by itself', async (t) => {
  const database = await ownDatabase(t);
  if (database === undefined) return;
  const server = await startServer(
    ['--port', '0', '--database', database.url],
    cleanEnv({ SECRET_KEY: TEST_SECRET }),
  );
  t.after(() => server.stop());

  const seen: TestResponse[] = [];
  let answering = true;
  const failures: unknown[] = [];
  const crowd = Array.from({ length: 8 }, async () => {
    while (answering) await respondent(server.url, seen);
  }).map((running) =>
    running.catch((error: unknown) => {
      failures.push(error);
    }),
  );
  let ended = 0;
  for (let round = 0; round < 7; round++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    ended += await terminateBackends(database);
  }
  answering = false;
  await Promise.all(crowd);

  assert.equal(server.child.exitCode, null, `the server exited:\n${server.output()}`);
  assert.deepEqual(failures, [], 'every request got an answer');
  assert.ok(ended > 0, 'connections were ended while respondents answered');
  for (const response of seen) {
    if (response.status === 503) assertUnavailablePage(response);
    else assert.ok([200, 303].includes(response.status), `status ${response.status}`);
  }
  // With the connections back, a new respondent finishes and every answer is stored.
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  const last = await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  assert.equal(last.location, '/surveys/satisfaction/complete');
  const stored = await storedAnswers(database.url, 'satisfaction');
  assert.ok(stored.some((answers) => answers.length === 4));
});
