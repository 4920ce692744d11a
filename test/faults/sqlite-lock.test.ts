import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport, type TestResponse } from '../support/browser.js';
import { assertUnavailablePage, storedAnswers } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';

/**
 * Another process (Python's sqlite3) takes SQLite's write lock with BEGIN EXCLUSIVE and holds
 * it until `release` closes its stdin.
 */
async function holdWriteLock(
  t: TestContext,
  file: string,
): Promise<{ release: () => Promise<void> }> {
  const child = spawn(
    'python3',
    [
      '-c',
      [
        'import sqlite3, sys',
        'c = sqlite3.connect(sys.argv[1], isolation_level=None)',
        "c.execute('begin exclusive')",
        "print('locked', flush=True)",
        'sys.stdin.read()',
        "c.execute('rollback')",
      ].join('\n'),
      file,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  // A holder left running by a failed test would keep the test process alive.
  t.after(() => {
    if (child.exitCode === null) child.kill();
  });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  assert.equal(chunk.toString().trim(), 'locked');
  return {
    release: async () => {
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}

test('a SQLite write lock held by another process: pages that need no database answer while an answer waits, the answer gets the 503 page, and service resumes once it is released', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-fault-'));
  const file = join(dir, 'canvass.db');
  const server = await startServer(
    ['--port', '0', '--database', `sqlite:${file}`],
    cleanEnv({ SECRET_KEY: TEST_SECRET }),
  );
  t.after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes']);
  const home = await browser.get('/');
  const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1];
  assert.ok(stylesheet !== undefined);

  const lock = await holdWriteLock(t, file);
  let answered: TestResponse | undefined;
  const answering = browser
    .post('/surveys/satisfaction/questions/1', { answer: 'No' })
    .then((response) => (answered = response));
  // While the answer waits for the lock, the event loop is free: these are served first.
  const visitor = new Browser(httpTransport(server.url), server.url);
  for (const path of ['/', '/surveys/satisfaction', stylesheet]) {
    assert.equal((await visitor.get(path)).status, 200, path);
  }
  assert.equal(answered, undefined, 'the answer was still waiting for the lock');
  assertUnavailablePage(await answering);

  await lock.release();
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
