/**
 * `npm run screenshots:languages` (issue 16 item 1): an Arabic question page of the canteen
 * sample (right to left, with the language switcher) at phone and desktop widths, light and
 * dark, into docs/screenshots/, as `npm run screenshots` does for the other pages.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { animationsSettled } from '../test/browser/support/in-page.js';
import { launchChromium } from '../test/browser/support/chromium.js';
import { serveApp } from '../test/browser/support/server.js';

const OUT = new URL('../docs/screenshots/', import.meta.url);

const LOOKS = {
  phone: { viewport: { width: 375, height: 740 } },
  desktop: { viewport: { width: 1280, height: 800 } },
  'phone-dark': { viewport: { width: 375, height: 740 }, colorScheme: 'dark' },
} as const;

async function shoot(page: Page, name: string): Promise<void> {
  if ((await page.locator(':focus').count()) > 0) await page.locator(':focus').blur();
  await animationsSettled(page);
  await page.screenshot({ path: new URL(`${name}.png`, OUT).pathname, fullPage: true });
  console.log(`wrote docs/screenshots/${name}.png`);
}

mkdirSync(OUT, { recursive: true });
const chromium = await launchChromium();
const live = await serveApp();
try {
  for (const [look, options] of Object.entries(LOOKS)) {
    const context = await chromium.newContext(options);
    const page = await context.newPage();
    await page.goto(live.at('/surveys/canteen?lang=ar'));
    await Promise.all([
      page.waitForURL(/\/questions\/0$/),
      page.getByRole('button', { name: 'ابدأ' }).click(),
    ]);
    await page.getByLabel('سلطة', { exact: true }).check();
    await shoot(page, `languages-ar-question-${look}`);
    await context.close();
  }
} finally {
  await live.close();
  await chromium.close();
}
