import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import pg from 'pg';
import { buildApp } from '../../src/http/index.js';
import { createSessionManager } from '@canvass/session';
import { openEngine } from '../../src/storage/open.js';
import { postgresEngine, type PostgresOptions } from '../../src/storage/postgres/index.js';
import { sampleSurveys, TEST_SECRET } from '../support/app.js';
import { Browser, injectTransport } from '../support/browser.js';
import { assertUnavailablePage, storedAnswers, waitUntil } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { createTestDatabase, postgresUnavailableReason } from '../support/postgres.js';

/** An app on a fresh database of the shared PostgreSQL, with the engine's pool as built. */
async function startOnPostgres(
  t: TestContext,
  options: Omit<PostgresOptions, 'url'> = {},
): Promise<{ browser: () => Browser; url: string }> {
  const database = await createTestDatabase();
  t.after(() => database.drop());
  const engine = postgresEngine({ url: database.url, ...options });
  const storage = await openEngine(engine);
  const sessions = createSessionManager({ secrets: [TEST_SECRET] });
  const app = await buildApp({ surveys: await sampleSurveys(), storage, sessions });
  t.after(async () => {
    await app.close();
    await storage.close();
  });
  const transport = injectTransport(app);
  return { browser: () => new Browser(transport), url: database.url };
}

async function requirePostgres(t: TestContext): Promise<boolean> {
  const reason = await postgresUnavailableReason();
  if (reason === undefined) return true;
  if (process.env.CI === 'true') throw new Error(reason);
  t.skip(reason);
  return false;
}

test(
  'a table locked by another session: the respondent gets the 503 page once lock_timeout passes, not a hang, and carries on once the lock is released',
  { timeout: 60_000 },
  async (t) => {
    if (!(await requirePostgres(t))) return;
    const { browser: open, url } = await startOnPostgres(t);
    const browser = open();
    await begin(browser, 'satisfaction');
    await answerAll(browser, 'satisfaction', ['Yes']);

    const holder = new pg.Client({ connectionString: url });
    // Dropping the database at the end ends this session too; that is no failure of the test.
    holder.on('error', () => undefined);
    await holder.connect();
    t.after(() => holder.end());
    await holder.query('begin');
    await holder.query('lock table responses in access exclusive mode');
    assertUnavailablePage(
      await browser.post('/surveys/satisfaction/questions/1', { answer: 'No' }),
    );
    const newcomer = open();
    assert.equal((await newcomer.get('/surveys/satisfaction')).status, 200, 'no database needed');
    assertUnavailablePage(await newcomer.post('/surveys/satisfaction/begin'));

    await holder.query('rollback');
    const last = await answerAll(browser, 'satisfaction', ['No', 'Less than $10,000', 'Yes'], 1);
    assert.equal(last.location, '/surveys/satisfaction/complete');
    assert.deepEqual(await storedAnswers(url, 'satisfaction'), [
      [
        ['Yes', null],
        ['No', null],
        ['Less than $10,000', null],
        ['Yes', null],
      ],
    ]);
  },
);

test('every pooled connection taken by requests waiting on a lock: the next respondent gets the 503 page once the acquire timeout passes, and all are served once the lock is released', async (t) => {
  if (!(await requirePostgres(t))) return;
  // Two connections, and a lock wait longer than the wait for a connection. Answers that
  // arrive together share one statement (decision 0008), so the two answers are sent one after
  // the other: each batch then holds a connection of its own while it waits on the lock, and
  // the third respondent's question page needs a third connection for its count.
  const { browser: open, url } = await startOnPostgres(t, {
    poolSize: 2,
    timeouts: { lockMs: 60_000, acquireMs: 500 },
  });
  const browsers = [open(), open(), open()];
  for (const browser of browsers) await begin(browser, 'satisfaction');

  const holder = new pg.Client({ connectionString: url });
  holder.on('error', () => undefined);
  await holder.connect();
  t.after(() => holder.end());
  await holder.query('begin');
  await holder.query('lock table answers in access exclusive mode');
  const [first, second, third] = browsers as [Browser, Browser, Browser];
  const waiting: Promise<Awaited<ReturnType<Browser['post']>>>[] = [];
  for (const [index, browser] of [first, second].entries()) {
    waiting.push(browser.post('/surveys/satisfaction/questions/0', { answer: 'Yes' }));
    const expected = String(index + 1);
    await waitUntil(`${expected} connection(s) wait on the lock`, async () => {
      const { rows } = await holder.query<{ n: string }>(
        "select count(*) as n from pg_locks where relation = 'answers'::regclass and not granted",
      );
      return rows[0]?.n === expected;
    });
  }
  assertUnavailablePage(await third.get('/surveys/satisfaction/questions/0'));

  await holder.query('rollback');
  for (const answered of await Promise.all(waiting)) {
    assert.equal(answered.status, 303);
    assert.equal(answered.location, '/surveys/satisfaction/questions/1');
  }
  assert.equal((await third.get('/surveys/satisfaction/questions/0')).status, 200);
  const again = await third.post('/surveys/satisfaction/questions/0', { answer: 'No' });
  assert.equal(again.location, '/surveys/satisfaction/questions/1');
});
