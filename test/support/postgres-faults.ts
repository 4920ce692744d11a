import type { TestContext } from 'node:test';
import pg from 'pg';
import { Browser, httpTransport, type TestResponse } from './browser.js';
import {
  createTestDatabase,
  postgresUnavailableReason,
  POSTGRES_ADMIN_URL,
  type TestDatabase,
} from './postgres.js';

/** A database of the shared PostgreSQL for this test alone, or undefined when skipped. */
export async function ownDatabase(t: TestContext): Promise<TestDatabase | undefined> {
  const reason = await postgresUnavailableReason();
  if (reason !== undefined) {
    if (process.env.CI === 'true') throw new Error(reason);
    t.skip(reason);
    return undefined;
  }
  const database = await createTestDatabase();
  t.after(() => database.drop());
  return database;
}

/**
 * Ends every connection to `database` but our own, as a PostgreSQL restart or failover does
 * (SQLSTATE 57P01 on each); only this test's database is touched. Returns how many it ended.
 */
export async function terminateBackends(database: TestDatabase): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ ended: boolean }>(
      'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database.name],
    );
    return rows.filter((row) => row.ended).length;
  } finally {
    await client.end();
  }
}

/** One respondent's whole survey, each step either its expected status or the 503 page. */
export async function respondent(baseUrl: string, seen: TestResponse[]): Promise<void> {
  const browser = new Browser(httpTransport(baseUrl), baseUrl);
  const step = async (response: Promise<TestResponse>) => {
    const got = await response;
    seen.push(got);
    return got.status !== 503;
  };
  if (!(await step(browser.get('/surveys/satisfaction')))) return;
  if (!(await step(browser.post('/surveys/satisfaction/begin')))) return;
  for (const [question, answer] of ['Yes', 'No', 'Less than $10,000', 'Yes'].entries()) {
    const path = `/surveys/satisfaction/questions/${question}`;
    if (!(await step(browser.get(path)))) return;
    if (!(await step(browser.post(path, { answer })))) return;
  }
}
