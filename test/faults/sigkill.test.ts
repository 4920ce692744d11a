import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Browser, httpTransport } from '../support/browser.js';
import { storedAnswers } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer, type RunningServer } from '../support/process.js';

/** A browser on the restarted server (new port) holding the cookies the old one set. */
async function carryOver(browser: Browser, server: RunningServer): Promise<Browser> {
  const next = new Browser(httpTransport(server.url), server.url);
  for (const cookie of await browser.jar.getCookies(browser.origin)) {
    await next.jar.setCookie(cookie, server.url);
  }
  next.lastCsrf = browser.lastCsrf;
  return next;
}

test('a server killed with SIGKILL mid-survey and restarted resumes the respondent at the same question with every answer stored once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-kill-'));
  const database = `sqlite:${join(dir, 'canvass.db')}`;
  // No SECRET_KEY: the generated key in the data directory must survive the crash too.
  const args = ['--port', '0', '--database', database, '--data-dir', dir];
  const env = cleanEnv();
  let server = await startServer(args, env);
  t.after(async () => {
    await server.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  let browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No']);

  assert.equal(await server.stop('SIGKILL'), null, 'killed, not exited');
  server = await startServer(args, env);
  browser = await carryOver(browser, server);
  const page = await browser.get('/surveys/satisfaction/questions/2');
  assert.equal(page.status, 200);
  assert.match(page.body, /Question 3 of 4/);
  assert.deepEqual(await storedAnswers(database, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
    ],
  ]);

  // Killed while the third answer is on its way: it may or may not have been stored, and
  // the browser never heard back. Sending it again after the restart stores it exactly once.
  const inFlight = browser
    .post('/surveys/satisfaction/questions/2', { answer: 'Less than $10,000' })
    .catch(() => undefined);
  assert.equal(await server.stop('SIGKILL'), null);
  await inFlight;
  server = await startServer(args, env);
  browser = await carryOver(browser, server);
  const resent = await browser.post('/surveys/satisfaction/questions/2', {
    answer: 'Less than $10,000',
  });
  assert.equal(resent.status, 303);
  assert.equal(resent.location, '/surveys/satisfaction/questions/3');
  const last = await answerAll(browser, 'satisfaction', ['Yes'], 3);
  assert.equal(last.location, '/surveys/satisfaction/complete');
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
