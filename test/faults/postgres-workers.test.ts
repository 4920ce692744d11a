import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport } from '../support/browser.js';
import { childPids, waitUntil } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';
import { startThrowawayPostgres, throwawayPostgresMissing } from '../support/throwaway-postgres.js';

/** How often the primary has said a worker could not open the database. */
function databaseExits(output: string): number {
  return output.match(/could not open the database; starting a new one/g)?.length ?? 0;
}

test('--workers 2 with PostgreSQL down: a worker that cannot open the database is started again with backoff past the crash-loop limit, and serves once PostgreSQL is back', async (t) => {
  const missing = throwawayPostgresMissing();
  if (missing !== undefined) {
    if (process.env.CI === 'true') throw new Error(missing);
    t.skip(missing);
    return;
  }
  const postgres = await startThrowawayPostgres();
  t.after(() => postgres.dispose());
  // LOG_LEVEL=info: each worker logs "Server listening" with its pid.
  const server = await startServer(
    ['--port', '0', '--workers', '2', '--database', postgres.url],
    cleanEnv({ SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'info' }),
  );
  t.after(() => server.stop('SIGKILL'));
  const primary = server.child.pid ?? 0;
  const listening = (pid: number) =>
    new RegExp(`"pid":${pid},[^\n]*"msg":"Server listening`).test(server.output());
  // Both must listen first: a port-0 server whose only listening worker dies loses its port.
  await waitUntil('two workers listen', async () => {
    const workers = await childPids(primary);
    return workers.length === 2 && workers.every(listening);
  });
  const [victim] = await childPids(primary);
  assert.ok(victim !== undefined);

  await postgres.stop();
  process.kill(victim, 'SIGKILL');
  // Five failed starts in a row is where the primary gives up on a crash loop. Each takes a
  // process start and three tries at the database, a few seconds on a busy machine.
  await waitUntil(
    'five replacements failed to open the database',
    () => Promise.resolve(databaseExits(server.output()) >= 5),
    60,
  );
  assert.equal(server.child.exitCode, null, `the primary gave up:\n${server.output()}`);
  assert.doesNotMatch(server.output(), /keep failing to start/);

  await postgres.start();
  await waitUntil('a new worker listens beside the one that stayed', async () => {
    const now = await childPids(primary);
    return now.length === 2 && !now.includes(victim) && now.every(listening);
  });
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  const last = await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  assert.equal(last.location, '/surveys/satisfaction/complete');
});
