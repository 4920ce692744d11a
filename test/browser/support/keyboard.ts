import type { Page } from 'playwright-core';
import { focusIs, focusStop, type FocusStop } from './in-page.js';

export { focusIs, focusStop, type FocusStop } from './in-page.js';

/**
 * Presses Tab until the focused element matches `selector`, returning every stop on the way
 * (the last one included). Fails when it is not reached within `limit` presses.
 */
export async function tabTo(page: Page, selector: string, limit = 12): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focusStop(page));
    if (await focusIs(page, selector)) return stops;
  }
  throw new Error(`Tab never reached ${selector}; stops: ${JSON.stringify(stops)}`);
}
