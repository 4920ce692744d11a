import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import {
  createTestDatabase,
  postgresUnavailableReason,
  type TestDatabase,
} from '../../test/support/postgres.js';
import { openStorage } from './index.js';

const STORAGE = fileURLToPath(new URL('./index.ts', import.meta.url));
const PROCESSES = 4;

/**
 * Runs `PROCESSES` separate Node processes that each open every URL in turn, all processes
 * opening URL i at the same planned instant (so each URL is one race), and returns what each
 * process reported per URL: "ok" or the error message.
 */
async function openAtOnce(urls: readonly string[]): Promise<string[][]> {
  const start = Date.now() + 2500; // time enough for every child to load tsx and the module
  const code = `
    const { openStorage } = await import(${JSON.stringify(STORAGE)});
    const results = [];
    for (const [i, url] of ${JSON.stringify(urls)}.entries()) {
      await new Promise((r) => setTimeout(r, ${start} + i * 400 - Date.now()));
      try { await (await openStorage(url)).close(); results.push('ok'); }
      catch (error) { results.push(String(error.message)); }
    }
    process.stdout.write(JSON.stringify(results));`;
  const children = Array.from({ length: PROCESSES }, () =>
    run(['--import', 'tsx', '--input-type=module', '-e', code]),
  );
  return (await Promise.all(children)).map((out) => JSON.parse(out) as string[]);
}

function run(args: string[]): Promise<string> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) =>
    child.once('close', () => {
      resolve(out);
    }),
  );
}

/** Every process opened every database, and each database's schema is complete. */
async function assertAllMigrated(urls: readonly string[], results: string[][]): Promise<void> {
  for (const perProcess of results) {
    assert.deepEqual(
      perProcess,
      urls.map(() => 'ok'),
    );
  }
  for (const url of urls) {
    const storage = await openStorage(url);
    assert.deepEqual(await storage.surveyCounts(), []);
    await storage.close();
  }
}

test('processes opening a brand-new SQLite file at once migrate it once, and all of them start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-migrate-'));
  try {
    const urls = Array.from({ length: 6 }, (_, i) => `sqlite:${join(dir, `race-${i}.db`)}`);
    await assertAllMigrated(urls, await openAtOnce(urls));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('processes opening a brand-new PostgreSQL database at once migrate it once, and all of them start', async (t) => {
  const missing = await postgresUnavailableReason();
  if (missing !== undefined) {
    if (process.env.CI === 'true') throw new Error(missing);
    t.skip(missing);
    return;
  }
  const databases: TestDatabase[] = [];
  try {
    for (let i = 0; i < 2; i++) databases.push(await createTestDatabase());
    const urls = databases.map((d) => d.url);
    await assertAllMigrated(urls, await openAtOnce(urls));
  } finally {
    for (const database of databases) await database.drop();
  }
});
