import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which CI installs with `apt-get install -y chromium`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a quiet, hermetic headless run: no sandbox (CI runs as root in a container), no
 * GPU, and none of Chromium's own network chatter (QUIC, component updates, sync), so the only
 * traffic is the test's. Playwright adds `--headless` and a fresh `--user-data-dir` itself.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why the browser tests cannot run here, or undefined when they can. In CI a missing Chromium
 * is a failure, never a skip: the tests run and {@link launchChromium} says what to install.
 */
export const chromiumSkip: string | undefined =
  existsSync(CHROMIUM_PATH) || process.env.CI === 'true'
    ? undefined
    : `no Chromium at ${CHROMIUM_PATH}; install it (apt-get install -y chromium) to run browser tests`;

/** Launches a headless Chromium; close it when done. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is required: no executable at ${CHROMIUM_PATH} (apt-get install -y chromium)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
