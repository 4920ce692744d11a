import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport, type TestResponse } from '../support/browser.js';
import { assertUnavailablePage, childPids, storedAnswers, waitUntil } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { ownDatabase, respondent, terminateBackends } from '../support/postgres-faults.js';
import type { TestDatabase } from '../support/postgres.js';
import { cleanEnv, startServer, type RunningServer } from '../support/process.js';

/**
 * Eight respondents answer in a loop while every connection of the server to `database` is
 * ended seven times, 150 ms apart; then a new respondent must finish. Every request must get
 * a page: an answer, or the 503 page that says progress is kept.
 */
async function answerThroughTerminations(
  server: RunningServer,
  database: TestDatabase,
): Promise<void> {
  const seen: TestResponse[] = [];
  const failures: unknown[] = [];
  let answering = true;
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
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  const last = await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  assert.equal(last.location, '/surveys/satisfaction/complete');
  const stored = await storedAnswers(database.url, 'satisfaction');
  assert.ok(stored.some((answers) => answers.length === 4));
}

test('pg_terminate_backend on every connection while respondents answer: the process stays up, each request is answered or gets the 503 page, and service resumes by itself', async (t) => {
  const database = await ownDatabase(t);
  if (database === undefined) return;
  const server = await startServer(
    ['--port', '0', '--database', database.url],
    cleanEnv({ SECRET_KEY: TEST_SECRET }),
  );
  t.after(() => server.stop());
  await answerThroughTerminations(server, database);
});

test('pg_terminate_backend with --workers 2: neither worker dies, and the primary keeps serving', async (t) => {
  const database = await ownDatabase(t);
  if (database === undefined) return;
  // LOG_LEVEL=info: each worker logs "Server listening" with its pid.
  const server = await startServer(
    ['--port', '0', '--workers', '2', '--database', database.url],
    cleanEnv({ SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'info' }),
  );
  t.after(() => server.stop());
  const primary = server.child.pid ?? 0;
  const listening = (pid: number) =>
    new RegExp(`"pid":${pid},[^\n]*"msg":"Server listening`).test(server.output());
  // Both must have started: a worker whose connection is ended while it is still starting up
  // exits and is started again (src/cli/supervisor.ts), which is not what this test looks at.
  await waitUntil('two workers listen', async () => {
    const pids = await childPids(primary);
    return pids.length === 2 && pids.every(listening);
  });
  const workers = await childPids(primary);

  await answerThroughTerminations(server, database);
  assert.deepEqual(await childPids(primary), workers, 'the same two workers');
  assert.doesNotMatch(server.output(), /exited/);
});
