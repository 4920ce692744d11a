import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { openStorage } from '../../src/storage/index.js';
import { TEST_SECRET } from '../support/app.js';
import {
  createTestDatabase,
  postgresUnavailableReason,
  POSTGRES_ADMIN_URL,
} from '../support/postgres.js';
import { cleanEnv, runCli } from '../support/process.js';
import { freePort } from '../support/redis.js';

const dir = mkdtempSync(join(tmpdir(), 'canvass-cli-config-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** One line on stderr that names DATABASE_URL, and a non-zero exit. */
function assertDatabaseUrlError(
  result: { code: number | null; stderr: string },
  detail: RegExp,
): void {
  assert.notEqual(result.code, 0);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', /DATABASE_URL/);
  assert.match(lines[0] ?? '', detail);
  assert.doesNotMatch(result.stderr, /Cannot use a pool|\n\s+at /);
}

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing !== undefined && process.env.CI === 'true') throw new Error(postgresMissing);

test('serve onto a PostgreSQL port nobody listens on: one line naming DATABASE_URL', async () => {
  const url = `postgres://postgres@127.0.0.1:${await freePort()}/canvass`;
  const result = await runCli(
    ['serve', '--port', '0', '--database', url],
    cleanEnv({ SECRET_KEY: TEST_SECRET }),
  );
  assertDatabaseUrlError(result, /ECONNREFUSED/);
});

test(
  'serve onto a PostgreSQL database that does not exist: one line naming DATABASE_URL',
  { skip: postgresMissing },
  async () => {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = '/canvass_no_such_database';
    const result = await runCli(
      ['serve', '--port', '0'],
      cleanEnv({ SECRET_KEY: TEST_SECRET, DATABASE_URL: url.toString() }),
    );
    assertDatabaseUrlError(result, /"canvass_no_such_database" does not exist/);
  },
);

test('serve with an unsupported scheme: one line naming DATABASE_URL and what is accepted', async () => {
  const result = await runCli(
    ['serve', '--port', '0'],
    cleanEnv({ SECRET_KEY: TEST_SECRET, DATABASE_URL: 'mysql://root:secret@db/canvass' }),
  );
  assertDatabaseUrlError(result, /"mysql:".*sqlite:PATH/);
  assert.doesNotMatch(result.stderr, /secret/);
});

test('canvass check reads CANVASS_SURVEYS, as serve does', async () => {
  const surveys = join(dir, 'surveys');
  mkdirSync(surveys);
  writeFileSync(join(surveys, 'mine.yaml'), 'title: Mine\nquestions: [{text: Q}]\n');
  const ok = await runCli(['check'], cleanEnv({ CANVASS_SURVEYS: surveys }));
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /1 survey OK in .*surveys: mine/);
  writeFileSync(join(surveys, 'broken.yaml'), 'title: Broken\nquestions: []\n');
  const bad = await runCli(['check'], cleanEnv({ CANVASS_SURVEYS: surveys }));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /broken\.yaml/);
});

test('canvass export run where there is no database says so and creates nothing', async () => {
  const elsewhere = join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  const result = await runCli(['export', 'satisfaction'], cleanEnv(), elsewhere);
  assertDatabaseUrlError(result, /no database at .*data\/canvass\.db/);
  assert.deepEqual(readdirSync(elsewhere), []);
});

test('canvass export reads DATABASE_URL, as serve does', async () => {
  const file = join(dir, 'from-env.db');
  await (await openStorage(`sqlite:${file}`)).close();
  const result = await runCli(
    ['export', 'satisfaction'],
    cleanEnv({ DATABASE_URL: `sqlite:${file}` }),
  );
  assert.equal(result.code, 1);
  assert.match(result.stderr, /No survey "satisfaction" in this database\./);
});

test('canvass export onto a SQLite file that is not Canvass’s leaves it untouched', async () => {
  const file = join(dir, 'other.db');
  writeFileSync(file, '');
  const result = await runCli(['export', 'satisfaction', '--database', `sqlite:${file}`]);
  assertDatabaseUrlError(result, /no Canvass data/);
  assert.equal(
    readdirSync(dir)
      .filter((f) => f.startsWith('other.db'))
      .join(','),
    'other.db',
  );
  assert.equal(statSync(file).size, 0);
});

test(
  'canvass export onto a PostgreSQL database without Canvass’s tables creates none',
  { skip: postgresMissing },
  async (t) => {
    const database = await createTestDatabase();
    t.after(() => database.drop());
    const result = await runCli(['export', 'satisfaction', '--database', database.url]);
    assertDatabaseUrlError(result, /no Canvass data/);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "select tablename from pg_tables where schemaname = 'public'",
      );
      assert.deepEqual(rows, []);
    } finally {
      await client.end();
    }
  },
);
