import { startTestApp, type TestApp } from '../../support/app.js';

/** A test app listening on a real port, for a real browser to visit. */
export interface LiveApp {
  readonly test: TestApp;
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** An absolute URL for `path` on this app. */
  at(path: string): string;
  close(): Promise<void>;
}

/** Starts a fresh app (its own SQLite file) on a free port of 127.0.0.1. */
export async function serveApp(options?: Parameters<typeof startTestApp>[0]): Promise<LiveApp> {
  const test = await startTestApp(options);
  const url = await test.app.listen({ port: 0, host: '127.0.0.1' });
  return { test, url, at: (path) => new URL(path, url).toString(), close: () => test.close() };
}
