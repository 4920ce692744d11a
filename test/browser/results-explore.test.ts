/**
 * Issue 17 item 1 in Chromium: the owner's results page explored with the keyboard alone — a
 * filter picked from the filter form, a cross-tab from the "Compare groups" form, a filter
 * removed by its link — with focus visible at every stop, and no WCAG 2.1 AA violations
 * (axe-core, light and dark, no sideways scrolling) on the plain, filtered and cross-tabulated
 * pages.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { EVERY_KIND_ANSWERS, everyKind, storeResponse } from '../support/results.js';
import { assertAccessibleHere } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { focusStop, tabTo, type FocusStop } from './support/keyboard.js';
import { logIn } from './support/pages.js';
import { useChromium } from './support/suite.js';

const ADMIN_PASSWORD = 'correct horse battery staple';
const SURVEY = everyKind('explore');

/**
 * Every stop must show where the focus is: `:focus-visible` and a real outline. A date input
 * takes four stops in Chromium, its three fields (which show the ring) and its calendar button,
 * a control inside the browser's own shadow tree that draws the browser's own focus: the input
 * then matches neither `:focus-visible` nor the page's styles, so that one stop is not probed.
 */
function assertVisible(stops: readonly FocusStop[]): void {
  for (const stop of stops) {
    const calendarButton = /^input #results-(from|to)$/.test(stop.element) && !stop.focusVisible;
    if (calendarButton) continue;
    assert.ok(
      stop.focusVisible && stop.ring !== '',
      `focus is not visible on ${JSON.stringify(stop)}`,
    );
  }
}

/** Presses Enter on the focused control and waits for the page it leads to. */
async function pressToLeave(page: Page): Promise<void> {
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), page.keyboard.press('Enter')]);
}

/** Tabs to the select `selector`, moves its choice down `steps` times, then submits its form. */
async function chooseAndSubmit(page: Page, selector: string, steps: number): Promise<FocusStop[]> {
  const stops = await tabTo(page, selector, 200);
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  // The form's button follows its select (and the hidden inputs, which take no focus).
  await page.keyboard.press('Tab');
  stops.push(await focusStop(page));
  assert.equal(await page.evaluate('document.activeElement.type'), 'submit');
  await pressToLeave(page);
  return stops;
}

describe(
  'exploring results with the keyboard (axe-core, WCAG 2.1 AA)',
  { skip: chromiumSkip },
  () => {
    const withBrowser = useChromium();
    test('filter, cross-tab and remove by keyboard alone, each page without violations', () =>
      withBrowser(
        async ({ live, page }) => {
          const { storage } = live.test;
          const [version] = await storage.listVersions('explore');
          assert.ok(version !== undefined);
          for (const [c, yn] of [
            ['a', 'yes'],
            ['a', 'no'],
            ['b', 'yes'],
          ] as const) {
            await storeResponse(storage, SURVEY, version.id, {
              ...EVERY_KIND_ANSWERS,
              c: { kind: 'choice', id: c },
              yn,
            });
          }
          await page.goto(live.at('/admin/login'));
          await logIn(page, ADMIN_PASSWORD);
          await page.goto(live.at('/admin/surveys/explore'));
          await assertAccessibleHere(page, 'results');
          const stops: FocusStop[] = [];

          // The first option is "(all responses)"; the next is question C's choice "a".
          stops.push(...(await chooseAndSubmit(page, '#results-filter', 1)));
          assert.match(page.url(), /[?&]filter=c%3Aa(&|$)/);
          assert.match(await page.locator('main').innerText(), /Counting “C” is “a”/);
          await assertAccessibleHere(page, 'filtered');

          // Cross-tabulate by the yes/no question, the filter kept.
          const options = await page.locator('#results-by option').allTextContents();
          const yesNo = options.findIndex((text) => text.includes('YN'));
          assert.ok(yesNo > 0, `no YN among ${JSON.stringify(options)}`);
          stops.push(...(await chooseAndSubmit(page, '#results-by', yesNo)));
          assert.match(page.url(), /[?&]by=yn(&|$)/);
          assert.match(page.url(), /[?&]filter=c%3Aa(&|$)/);
          const table = page.getByRole('table').first();
          await table.waitFor();
          assert.match(await table.innerText(), /Yes/);
          await assertAccessibleHere(page, 'cross-tab');

          // Remove the filter by its link, the cross-tab kept.
          await page.goto(page.url()); // focus back at the top of the page
          stops.push(...(await tabTo(page, '.narrowings a', 200)));
          await pressToLeave(page);
          assert.doesNotMatch(page.url(), /filter=/);
          assert.match(page.url(), /[?&]by=yn(&|$)/);
          assert.match(await page.locator('main').innerText(), /All responses/);
          assertVisible(stops);
        },
        {
          app: { adminPassword: ADMIN_PASSWORD, surveys: [SURVEY] },
          context: { viewport: { width: 1280, height: 800 } },
        },
      ));
  },
);
