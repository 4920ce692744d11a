import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport } from '../support/browser.js';
import {
  assertUnavailablePage,
  healthStatus,
  storedAnswers,
  waitUntil,
} from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';
import { startThrowawayPostgres, throwawayPostgresMissing } from '../support/throwaway-postgres.js';

/**
 * A private PostgreSQL cluster on its own port, so stopping it mid-survey touches nobody
 * else's database; fast shutdown ends Canvass's connections the way a restart or failover
 * does.
 */
test('PostgreSQL stopped mid-survey: 503 pages that say progress is kept, /healthz 503, and after it restarts the respondent finishes with nothing lost or doubled', async (t) => {
  const missing = throwawayPostgresMissing();
  if (missing !== undefined) {
    if (process.env.CI === 'true') throw new Error(missing);
    t.skip(missing);
    return;
  }
  const postgres = await startThrowawayPostgres();
  t.after(() => postgres.dispose());
  const server = await startServer(
    ['--port', '0', '--database', postgres.url],
    cleanEnv({ SECRET_KEY: TEST_SECRET }),
  );
  t.after(() => server.stop());
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No']);

  await postgres.stop();
  assertUnavailablePage(
    await browser.post('/surveys/satisfaction/questions/2', { answer: 'Less than $10,000' }),
  );
  assert.equal(await healthStatus(server.url), 503);
  // A new respondent cannot begin either, and is told the same.
  const newcomer = new Browser(httpTransport(server.url), server.url);
  assert.equal((await newcomer.get('/surveys/satisfaction')).status, 200);
  assertUnavailablePage(await newcomer.post('/surveys/satisfaction/begin'));

  await postgres.start();
  await waitUntil('/healthz answers 200', async () => (await healthStatus(server.url)) === 200);
  const page = await browser.get('/surveys/satisfaction/questions/2');
  assert.equal(page.status, 200, 'the respondent is still at the third question');
  assert.match(page.body, /Question 3 of 4/);
  const last = await answerAll(browser, 'satisfaction', ['Less than $10,000', 'Yes'], 2);
  assert.equal(last.location, '/surveys/satisfaction/complete');
  assert.deepEqual(await storedAnswers(postgres.url, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
      ['Less than $10,000', null],
      ['Yes', null],
    ],
  ]);
});
