import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BUILTIN_SURVEYS } from '../../src/cli/config.js';
import { loadSurveyDirectory, surveyFileSchema, type Survey } from '../../src/domain/index.js';
import { buildApp, SESSION_KEYS, type AppOptions } from '../../src/http/index.js';
import { createSessionManager, type SessionManager } from '@canvass/session';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { Browser, injectTransport } from './browser.js';
import {
  createMigratedDatabase,
  createTemplateDatabase,
  createTestDatabase,
  migratedTemplate,
  type TestDatabase,
} from './postgres.js';

export const TEST_SECRET = 'test-secret-key-that-is-at-least-32-bytes-long';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly storage: Storage;
  readonly sessions: SessionManager;
  readonly dir: string;
  /** The database this app uses; another app may open it too (a restart, a second instance). */
  readonly databaseUrl: string;
  browser(): Browser;
  close(): Promise<void>;
}

/** Builds a survey from a definition, for tests. */
export function makeSurvey(slug: string, definition: unknown): Survey {
  return { slug, ...surveyFileSchema.parse(definition) };
}

let samples: Promise<readonly Survey[]> | undefined;

/**
 * The built-in sample surveys, read once per process (surveys are immutable values). speed:
 * reading and checking the samples' files for each app was 17 % of the bad-input matrix's CPU.
 */
export function sampleSurveys(): Promise<readonly Survey[]> {
  samples ??= loadSurveyDirectory(BUILTIN_SURVEYS).then((load) => load.surveys);
  return samples;
}

/**
 * The engine HTTP tests run on: `CANVASS_TEST_ENGINE=postgres` runs the same suite on the real
 * PostgreSQL (`npm run test:postgres`), each app on a database of its own, dropped at close.
 */
export const TEST_ENGINE = process.env.CANVASS_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** Opens the database at `url` (which migrates it) and closes it again. */
const migrate = async (url: string) => {
  await (await openStorage(url)).close();
};

/** A fresh database on the test engine: a SQLite file in `dir`, or a new PostgreSQL database. */
async function freshDatabase(dir: string): Promise<{ url: string; drop?: TestDatabase['drop'] }> {
  if (TEST_ENGINE === 'sqlite') return { url: `sqlite:${join(dir, 'canvass.db')}` };
  const database = await createMigratedDatabase(migrate);
  return { url: database.url, drop: () => database.drop() };
}

/** A copy of a database made once, for one app: `drop` removes it for good. */
export interface DatabaseCopy {
  readonly url: string;
  drop(): Promise<void>;
}

/** A database made once ({@link preparedDatabase}), what made it, and copies of it. */
export interface PreparedDatabase<T> {
  /** What `prepare` gave. */
  readonly made: T;
  readonly copy: () => Promise<DatabaseCopy>;
}

/**
 * A database on the test engine made once by `prepare` (given its URL; it must close every
 * connection it opens), then copied for each caller of `copy`: a copy of the file on SQLite,
 * `CREATE DATABASE … TEMPLATE` on PostgreSQL. For tests that each need an app in the same
 * state, reached through requests that would otherwise be made again for every test. The
 * original is removed when the process exits.
 */
export async function preparedDatabase<T>(
  prepare: (url: string) => Promise<T>,
): Promise<PreparedDatabase<T>> {
  if (TEST_ENGINE === 'postgres') {
    const template = await createTemplateDatabase((await migratedTemplate(migrate)).name);
    return {
      made: await prepare(template.url),
      copy: async () => {
        const copy = await createTestDatabase('canvass_test', template.name);
        return { url: copy.url, drop: () => copy.drop() };
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'canvass-prepared-'));
  process.once('exit', () => {
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'canvass.db');
  const made = await prepare(`sqlite:${file}`);
  // Closed, the last connection has written its WAL back into the file and removed it.
  assert.ok(!existsSync(`${file}-wal`), `${file}-wal is left behind: a connection is open`);
  return {
    made,
    copy: () => {
      const copyDir = mkdtempSync(join(tmpdir(), 'canvass-copy-'));
      copyFileSync(file, join(copyDir, 'canvass.db'));
      return Promise.resolve({
        url: `sqlite:${join(copyDir, 'canvass.db')}`,
        drop() {
          rmSync(copyDir, { recursive: true, force: true });
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * One app per test: a fresh database (see {@link TEST_ENGINE}), a known secret. With
 * `databaseUrl` it opens that database instead and leaves it in place when closed.
 */
export async function startTestApp(
  options: {
    surveys?: readonly Survey[];
    secrets?: readonly string[];
    maxAge?: number;
    now?: () => number;
    adminPassword?: string;
    /** Admin session lifetimes in seconds (`buildApp`'s `adminLifetimes`). */
    adminLifetimes?: AppOptions['adminLifetimes'];
    databaseUrl?: string;
    /** The per-client limits, trusted proxies and client timeouts, as `buildApp` takes them. */
    hardening?: Pick<AppOptions, 'rateLimit' | 'trustProxy' | 'timeouts'>;
    /** Where the app logs (`buildApp`'s `logger`); by default it logs nothing. */
    logger?: AppOptions['logger'];
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-http-'));
  const database =
    options.databaseUrl === undefined ? await freshDatabase(dir) : { url: options.databaseUrl };
  const storage = await openStorage(database.url);
  const sessions = createSessionManager({
    secrets: options.secrets ?? [TEST_SECRET],
    keys: SESSION_KEYS,
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const app = await buildApp({
    surveys: options.surveys ?? (await sampleSurveys()),
    storage,
    sessions,
    ...(options.adminPassword === undefined ? {} : { adminPassword: options.adminPassword }),
    ...(options.adminLifetimes === undefined ? {} : { adminLifetimes: options.adminLifetimes }),
    // Resume links last as long as a session, as `canvass serve` sets them.
    ...(options.maxAge === undefined ? {} : { sessionMaxAge: options.maxAge }),
    // The same clock for the session layer, the admin lifetimes and resume links.
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...options.hardening,
  });
  const transport = injectTransport(app);
  return {
    app,
    storage,
    sessions,
    dir,
    databaseUrl: database.url,
    browser: () => new Browser(transport),
    async close() {
      await app.close();
      await storage.close();
      await database.drop?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
