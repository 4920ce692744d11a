import { after, before } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { serveApp, type LiveApp } from './server.js';

/** What a browser test gets: a fresh app on a real port, and a fresh browser context on it. */
export interface BrowserTest {
  readonly live: LiveApp;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly browser: Browser;
}

/**
 * Launches one Chromium for the calling file (startup is the slow part) and returns a runner
 * that gives each test its own app and its own context, both closed after it.
 */
export interface BrowserTestOptions {
  /** For the browser context: `javaScriptEnabled`, `colorScheme`, a viewport… */
  readonly context?: BrowserContextOptions;
  /** For the app: an `adminPassword`, other surveys… */
  readonly app?: Parameters<typeof serveApp>[0];
}

export function useChromium(): (
  run: (t: BrowserTest) => Promise<void>,
  options?: BrowserTestOptions,
) => Promise<void> {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return async (run, options = {}) => {
    if (browser === undefined) throw new Error('Chromium did not start');
    const live = await serveApp(options.app);
    const context = await browser.newContext(options.context);
    try {
      await run({ live, context, page: await context.newPage(), browser });
    } finally {
      await context.close();
      await live.close();
    }
  };
}
