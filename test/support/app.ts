import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BUILTIN_SURVEYS } from '../../src/cli/config.js';
import { loadSurveyDirectory, surveyFileSchema, type Survey } from '../../src/domain/index.js';
import { buildApp } from '../../src/http/index.js';
import { createSessionManager, type SessionManager } from '../../src/session/index.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { Browser, toTestResponse, type Transport } from './browser.js';

export const TEST_SECRET = 'test-secret-key-that-is-at-least-32-bytes-long';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly storage: Storage;
  readonly sessions: SessionManager;
  readonly dir: string;
  browser(): Browser;
  close(): Promise<void>;
}

/** Builds a survey from a definition, for tests. */
export function makeSurvey(slug: string, definition: unknown): Survey {
  return { slug, ...surveyFileSchema.parse(definition) };
}

/** The built-in sample surveys. */
export async function sampleSurveys(): Promise<readonly Survey[]> {
  return (await loadSurveyDirectory(BUILTIN_SURVEYS)).surveys;
}

/** One app per test: a fresh SQLite file in a temp directory, a known secret. */
export async function startTestApp(
  options: {
    surveys?: readonly Survey[];
    secrets?: readonly string[];
    maxAge?: number;
    now?: () => number;
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-http-'));
  const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
  const sessions = createSessionManager({
    secrets: options.secrets ?? [TEST_SECRET],
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const app = await buildApp({
    surveys: options.surveys ?? (await sampleSurveys()),
    storage,
    sessions,
  });
  const transport: Transport = async ({ method, url, headers, body }) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body }),
    });
    return toTestResponse(
      response.statusCode,
      response.headers as Record<string, string | string[] | undefined>,
      response.body,
    );
  };
  return {
    app,
    storage,
    sessions,
    dir,
    browser: () => new Browser(transport),
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
