import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TEST_SECRET } from '../support/app.js';
import { Browser, httpTransport, type Transport } from '../support/browser.js';
import { storedAnswers } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { createTestDatabase, postgresUnavailableReason } from '../support/postgres.js';
import { cleanEnv, startServer } from '../support/process.js';

/** Sends each request to the next instance in turn: a respondent behind a round-robin proxy. */
function alternating(urls: readonly string[]): Transport {
  const transports = urls.map((url) => httpTransport(url));
  let next = 0;
  return (request) => {
    const transport = transports[next++ % transports.length];
    assert.ok(transport !== undefined);
    return transport(request);
  };
}

test('two instances with one secret on one PostgreSQL: a respondent whose every request goes to the other instance has each answer stored exactly once', async (t) => {
  const missing = await postgresUnavailableReason();
  if (missing !== undefined) {
    if (process.env.CI === 'true') throw new Error(missing);
    t.skip(missing);
    return;
  }
  const database = await createTestDatabase();
  t.after(() => database.drop());
  // Started at the same moment on an empty database: both migrate and register versions.
  const env = cleanEnv({ SECRET_KEY: TEST_SECRET, DATABASE_URL: database.url });
  const servers = await Promise.all([
    startServer(['--port', '0'], env),
    startServer(['--port', '0'], env),
  ]);
  t.after(() => Promise.all(servers.map((s) => s.stop())));
  const urls = servers.map((s) => s.url);
  // Cookies are per host, not per port: one jar serves both instances, as in a browser.
  const browser = new Browser(alternating(urls), 'http://127.0.0.1');

  await begin(browser, 'satisfaction');
  const done = await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  assert.equal(done.location, '/surveys/satisfaction/complete');
  assert.equal((await browser.get('/surveys/satisfaction/complete')).status, 200);
  await begin(browser, 'personality');
  await answerAll(browser, 'personality', ['Yes', 'No', 'Hedgehogs']);

  // The same POST (same cookie, same token) reaches both instances at the same instant.
  const cookie = await browser.jar.getCookieString('http://127.0.0.1/');
  const form = new URLSearchParams({
    answer: 'run_me()',
    comment: 'twice',
    _csrf: browser.lastCsrf ?? '',
  });
  const both = await Promise.all(
    urls.map((base) =>
      fetch(new URL('/surveys/personality/questions/3', base), {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        redirect: 'manual',
      }),
    ),
  );
  for (const response of both) {
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/surveys/personality/complete');
  }

  assert.deepEqual(await storedAnswers(database.url, 'satisfaction'), [
    [
      ['Yes', null],
      ['No', null],
      ['Less than $10,000', null],
      ['Yes', null],
    ],
  ]);
  assert.deepEqual(await storedAnswers(database.url, 'personality'), [
    [
      ['Yes', null],
      ['No', null],
      ['Hedgehogs', null],
      ['run_me()', 'twice'],
    ],
  ]);
});
