import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { test } from 'node:test';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { createTestDatabase, postgresUnavailableReason } from './postgres.js';

/** Why PostgreSQL cannot be used here, or undefined; in CI a missing PostgreSQL is a failure. */
export const postgresMissing = await postgresUnavailableReason();
if (postgresMissing !== undefined && process.env.CI === 'true') throw new Error(postgresMissing);

/**
 * A fresh database on `engine` (a new SQLite file, or a new PostgreSQL database), closed and
 * removed after the test; undefined (and the test skipped) when PostgreSQL is missing outside CI.
 */
export async function freshStorage(
  t: test.TestContext,
  engine: 'sqlite' | 'postgres',
): Promise<Storage | undefined> {
  if (engine === 'postgres' && postgresMissing !== undefined) {
    t.skip(`PostgreSQL: ${postgresMissing}`);
    return undefined;
  }
  if (engine === 'postgres') {
    const database = await createTestDatabase();
    const storage = await openStorage(database.url);
    t.after(async () => {
      await storage.close();
      await database.drop();
    });
    return storage;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-storage-'));
  const storage = await openStorage(`sqlite:${path.join(dir, 'canvass.db')}`);
  t.after(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return storage;
}
