import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport } from '../support/browser.js';
import { assertUnavailablePage, storedAnswers, waitUntil } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';
import { requireRedis, startThrowawayRedis } from '../support/redis.js';

/**
 * The in-process version is test/http/session-store.test.ts; this one is the real
 * `canvass serve` process with SESSION_STORE, and checks what the respondent is told.
 */
test('the real server with its Redis session store stopped mid-survey: a 503 page saying progress is kept, and once Redis is back the respondent finishes with every answer stored once', async (t) => {
  if (!(await requireRedis(t))) return;
  const redis = await startThrowawayRedis();
  const dir = mkdtempSync(join(tmpdir(), 'canvass-fault-'));
  const database = `sqlite:${join(dir, 'canvass.db')}`;
  const env = cleanEnv({ SECRET_KEY: TEST_SECRET, SESSION_STORE: redis.url });
  const server = await startServer(['--port', '0', '--database', database], env);
  t.after(async () => {
    await server.stop();
    await redis.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);

  await redis.stop();
  assertUnavailablePage(await browser.get('/surveys/satisfaction/questions/1'));
  assertUnavailablePage(await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' }));
  assert.deepEqual(await storedAnswers(database, 'satisfaction'), [[['Yes', null]]]);

  await redis.start();
  await waitUntil(
    'the question page shows again',
    async () => (await browser.get('/surveys/satisfaction/questions/1')).status === 200,
  );
  await answerAll(browser, 'satisfaction', ['No', 'Less than $10,000', 'Yes'], 1);
  assert.equal((await browser.get('/surveys/satisfaction/complete')).status, 200);
  assert.deepEqual(await storedAnswers(database, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
      ['Less than $10,000', null],
      ['Yes', null],
    ],
  ]);
});
