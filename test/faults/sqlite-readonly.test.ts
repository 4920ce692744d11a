import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport } from '../support/browser.js';
import { assertUnavailablePage, healthStatus, storedAnswers } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';

const run = promisify(execFile);

/**
 * Tests run as root, whom file modes do not stop, so the database file is made immutable
 * (`chattr +i`) instead: SQLite then cannot open it for writing and, as with a file the
 * server's user may not write or a read-only mount, opens it read-only. The server before was
 * killed, so its write-ahead log is still there to read: the restart opens the database
 * read-only and serves, as it did when this was found.
 */
test('a SQLite database that is read-only when the server starts: 503 pages that say progress is kept, and once it is writable the server writes again without a restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-fault-'));
  const file = join(dir, 'canvass.db');
  const args = ['--port', '0', '--database', `sqlite:${file}`];
  const env = cleanEnv({ SECRET_KEY: TEST_SECRET });
  const first = await startServer(args, env);
  let browser = new Browser(httpTransport(first.url), first.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  await first.stop('SIGKILL');
  try {
    await run('chattr', ['+i', file]);
  } catch (error) {
    const reason = `chattr +i does not work here: ${(error as Error).message}`;
    if (process.env.CI === 'true') throw new Error(reason, { cause: error });
    t.skip(reason);
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  let immutable = true;
  const writable = async () => {
    if (immutable) await run('chattr', ['-i', file]);
    immutable = false;
  };
  t.after(async () => {
    await writable();
    rmSync(dir, { recursive: true, force: true });
  });
  const server = await startServer(args, env);
  t.after(() => server.stop());
  browser = await carryOver(browser, server.url);

  assert.equal((await browser.get('/surveys/satisfaction/questions/1')).status, 200);
  assertUnavailablePage(await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' }));
  assert.equal(await healthStatus(server.url), 503);

  await writable();
  assert.equal(await healthStatus(server.url), 200);
  const last = await answerAll(browser, 'satisfaction', ['No', 'Less than $10,000', 'Yes'], 1);
  assert.equal(last.location, '/surveys/satisfaction/complete');
  assert.deepEqual(await storedAnswers(`sqlite:${file}`, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
      ['Less than $10,000', null],
      ['Yes', null],
    ],
  ]);
});

/** A browser on another server holding the cookies and form token of `browser`. */
async function carryOver(browser: Browser, url: string): Promise<Browser> {
  const next = new Browser(httpTransport(url), url);
  for (const cookie of await browser.jar.getCookies(browser.origin)) {
    await next.jar.setCookie(cookie, url);
  }
  next.lastCsrf = browser.lastCsrf;
  return next;
}
