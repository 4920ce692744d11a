/**
 * Issue 16 item 1 in a real browser: the canteen sample (SURVEYS.md §5) taken with the keyboard
 * alone in French and in Arabic, every page with 0 axe WCAG 2.1 AA violations in light and dark
 * mode, `<html lang dir>` right, and the switcher a plain link list reachable by Tab.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessibleHere } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { tabTo } from './support/keyboard.js';
import { useChromium } from './support/suite.js';

const LANGUAGES = {
  fr: { start: 'Commencer', next: 'Suivant', finish: 'Terminer', thanks: 'Merci !', dir: 'ltr' },
  ar: { start: 'ابدأ', next: 'التالي', finish: 'إنهاء', thanks: 'شكرًا لك!', dir: 'rtl' },
} as const;

async function htmlLangDir(page: Page): Promise<[string | null, string]> {
  const html = page.locator('html');
  return [await html.getAttribute('lang'), (await html.getAttribute('dir')) ?? 'ltr'];
}

/** Tabs to the page's submit button and presses Enter, waiting for the page it leads to. */
async function submitWithKeyboard(page: Page, label: string, samePage = false): Promise<void> {
  await tabTo(page, 'button[type="submit"]', 20);
  assert.equal(await page.locator(':focus').textContent(), label);
  const before = page.url();
  await Promise.all([
    samePage ? page.waitForEvent('load') : page.waitForURL((url) => url.toString() !== before),
    page.keyboard.press('Enter'),
  ]);
}

describe('a survey in French and in Arabic', { skip: chromiumSkip, concurrency: 2 }, () => {
  const withBrowser = useChromium();

  for (const [lang, words] of Object.entries(LANGUAGES)) {
    test(`can be taken with the keyboard alone in ${lang}, accessible on every page`, () =>
      withBrowser(async ({ live, page }) => {
        await page.goto(live.at(`/surveys/canteen?lang=${lang}`));
        assert.deepEqual(await htmlLangDir(page), [lang, words.dir]);
        await assertAccessibleHere(page, `${lang} start page`);
        // The switcher: plain links, the current one marked, each in its own language.
        const current = page.locator('nav.languages a[aria-current="true"]');
        assert.equal(await current.getAttribute('lang'), lang);
        await submitWithKeyboard(page, words.start);

        // Question 1: a choice, picked with the arrow keys.
        assert.deepEqual(await htmlLangDir(page), [lang, words.dir]);
        await assertAccessibleHere(page, `${lang} question 1`);
        await tabTo(page, 'input[name="answer"]');
        await page.keyboard.press('Space');
        await page.keyboard.press('ArrowDown');
        assert.equal(
          await page.locator('input[name="answer"]:checked').getAttribute('value'),
          'Salad',
        );
        await submitWithKeyboard(page, words.next);

        // Question 2: yes/no in the language; sent empty first, so the error is checked too.
        await submitWithKeyboard(page, words.next, true);
        await assertAccessibleHere(page, `${lang} question 2 with its error`);
        await tabTo(page, 'input[name="answer"]');
        await page.keyboard.press('Space');
        assert.equal(
          await page.locator('input[name="answer"]:checked').getAttribute('value'),
          'yes',
        );
        await submitWithKeyboard(page, words.next);

        // Question 3: optional, left empty.
        await assertAccessibleHere(page, `${lang} question 3`);
        await submitWithKeyboard(page, words.finish);
        assert.match(page.url(), /\/complete$/);
        assert.equal(await page.locator('h1').textContent(), words.thanks);
        assert.deepEqual(await htmlLangDir(page), [lang, words.dir]);
        await assertAccessibleHere(page, `${lang} thank-you page`);
      }));
  }
});
