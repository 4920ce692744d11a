import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStorage } from '../../src/storage/index.js';
import { Browser, httpTransport } from '../support/browser.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';

const dir = mkdtempSync(join(tmpdir(), 'canvass-serve-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('the real canvass serve process: a survey end to end over HTTP, then a restart resumes a half-finished one', async () => {
  const args = [
    '--port',
    '0',
    '--database',
    `sqlite:${join(dir, 'canvass.db')}`,
    '--data-dir',
    dir,
  ];
  const env = cleanEnv();
  let server = await startServer(args, env);
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  // A cookie jar keyed by host, so the same browser can talk to the restarted server on another port.
  const browser = new Browser(httpTransport(server.url), server.url);

  const home = await browser.get('/');
  assert.equal(home.status, 200);
  assert.match(home.body, /Customer Satisfaction Survey/);
  await begin(browser, 'satisfaction');
  const last = await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  assert.equal(last.location, '/surveys/satisfaction/complete');
  const complete = await browser.get('/surveys/satisfaction/complete');
  assert.equal(complete.status, 200);
  assert.match(complete.body, /Less than \$10,000/);

  await begin(browser, 'personality');
  await answerAll(browser, 'personality', ['Yes', 'No']);

  // Without SECRET_KEY outside production, the key was generated once and kept, private.
  assert.equal(statSync(join(dir, 'secret_key')).mode & 0o777, 0o600);
  assert.equal(await server.stop('SIGTERM'), 0, 'a clean shutdown on SIGTERM');

  server = await startServer(args, env);
  const resumed = new Browser(httpTransport(server.url), server.url);
  for (const cookie of await browser.jar.getCookies(browser.origin)) {
    await resumed.jar.setCookie(cookie, server.url);
  }
  const q2 = await resumed.get('/surveys/personality/questions/2');
  assert.equal(q2.status, 200, 'the session survived the restart');
  assert.match(q2.body, /Question 3 of 4/);
  await answerAll(
    resumed,
    'personality',
    ['Hedgehogs', { answer: 'run_me()', comment: 'it begs' }],
    2,
  );
  assert.equal((await resumed.get('/surveys/satisfaction/complete')).status, 200);
  assert.equal(await server.stop('SIGINT'), 0, 'a clean shutdown on SIGINT');

  const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
  try {
    const satisfaction = await storage.listResponses('satisfaction');
    const personality = await storage.listResponses('personality');
    assert.deepEqual(
      satisfaction.map((r) => r.answers.map((a) => a.answer)),
      [['Yes', 'No', 'Less than $10,000', 'Yes']],
    );
    assert.deepEqual(
      personality.map((r) => r.answers.map((a) => [a.answer, a.comment])),
      [
        [
          ['Yes', null],
          ['No', null],
          ['Hedgehogs', null],
          ['run_me()', 'it begs'],
        ],
      ],
    );
    assert.ok(personality[0]?.completedAt !== null);
  } finally {
    await storage.close();
  }
});
