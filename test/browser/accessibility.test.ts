import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { makeSurvey } from '../support/app.js';
import { assertAccessibleHere, axeViolations } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import {
  answerByClicking,
  logIn,
  SAMPLE_ANSWERS,
  startSurvey,
  submitInPlace,
} from './support/pages.js';
import { useChromium } from './support/suite.js';

/** The page at the phone-sized window: no violations in either scheme, no sideways scrolling. */
function assertAccessible(page: Page): Promise<void> {
  return assertAccessibleHere(page, page.url());
}

/**
 * A journey through the pages, checking each one where the respondent meets it. Each check is
 * its own subtest, so one failing page does not hide the others (and one walk is much faster
 * than reaching every page from scratch).
 */
function checker(t: TestContext, page: Page): (name: string) => Promise<void> {
  return async (name) => {
    await t.test(
      `${name} has no WCAG 2.1 AA violations in light or dark mode and fits 375 px`,
      () => assertAccessible(page),
    );
  };
}

const ADMIN_PASSWORD = 'correct horse battery staple';

describe('accessibility (axe-core, WCAG 2.1 AA)', { skip: chromiumSkip, concurrency: 4 }, () => {
  const withBrowser = useChromium();
  // Checked at phone width, where reflow and touch layouts are hardest.
  const PHONE = { viewport: { width: 375, height: 740 } };

  test('the checker itself reports violations on a page that has them', () =>
    withBrowser(async ({ page }) => {
      // Guards against a harness that silently checks nothing.
      await page.setContent(
        '<!doctype html><html lang="en"><title>t</title><img src="x.png"><input>',
      );
      const violations = await axeViolations(page);
      assert.ok(
        violations.some((v) => v.startsWith('image-alt')),
        violations.join('\n'),
      );
      assert.ok(
        violations.some((v) => v.startsWith('label')),
        violations.join('\n'),
      );
    }));

  test('the pages met on the way through a survey', (t) =>
    withBrowser(
      async ({ live, page, context }) => {
        const check = checker(t, page);
        await page.goto(live.url);
        await check('the list of surveys');
        await page.goto(live.at('/surveys/satisfaction'));
        await check('a start page');
        // The cookie (and with it the CSRF secret) is gone, as after clearing browsing data.
        await context.clearCookies();
        assert.equal(await submitInPlace(page, 'Start'), 403);
        await check('the 403 page');
        await startSurvey(page, live.url, 'satisfaction');
        await check('a question page');
        await page.goto(live.at('/surveys/satisfaction/questions/3'));
        await check('a question page showing a flash message');
        await answerByClicking(page, 'Yes');
        await page.goto(live.at('/surveys/satisfaction'));
        await check('a start page with a survey in progress');
        await Promise.all([
          page.waitForURL(/\/questions\/1$/),
          page.getByRole('link', { name: 'Continue' }).click(),
        ]);
        for (const answer of SAMPLE_ANSWERS.satisfaction.slice(1))
          await answerByClicking(page, answer);
        assert.equal(page.url(), live.at('/surveys/satisfaction/complete'));
        await check('the thank-you page');
        await page.goto(live.at('/surveys/satisfaction'));
        await page.getByText('You have completed this survey.').waitFor();
        await check('a start page of a completed survey');
        await page.goto(live.at('/surveys/no-such-survey'));
        await check('the 404 page');
      },
      { context: PHONE },
    ));

  test('the question pages with a comment box and with errors', (t) =>
    withBrowser(
      async ({ live, page }) => {
        const check = checker(t, page);
        await startSurvey(page, live.url, 'personality');
        for (const answer of SAMPLE_ANSWERS.personality.slice(0, 3))
          await answerByClicking(page, answer);
        await check('a question page with a comment box');
        assert.equal(await submitInPlace(page), 422);
        await check('a question page with a missing answer');
        await page.getByLabel('wtf()', { exact: true }).check();
        await page.getByLabel(/^Tell us more/).fill('x'.repeat(2001));
        assert.equal(await submitInPlace(page), 422);
        await check('a question page with a comment that is too long');
        await answerByClicking(page, 'wtf()', 'Because it says nothing.\nNothing at all.');
        await check('a thank-you page with a comment');
      },
      { context: PHONE },
    ));

  test('the admin pages', (t) =>
    withBrowser(
      async ({ live, page }) => {
        const check = checker(t, page);
        await startSurvey(page, live.url, 'personality');
        for (const answer of SAMPLE_ANSWERS.personality.slice(0, 3))
          await answerByClicking(page, answer);
        await answerByClicking(page, 'wtf()', 'A comment for the results page.');
        await page.goto(live.at('/admin/login'));
        await check('the admin login page');
        await page.getByLabel('Password').fill('wrong');
        await submitInPlace(page, 'Log in');
        await check('the admin login page with a wrong password');
        await logIn(page, ADMIN_PASSWORD);
        await check('the admin dashboard');
        await page.goto(live.at('/admin/surveys/personality'));
        // The tables behind the charts are checked open as well.
        for (const summary of await page.locator('summary').all()) await summary.click();
        await check('a results page with charts, tables and comments');
      },
      { app: { adminPassword: ADMIN_PASSWORD }, context: PHONE },
    ));

  test('a long survey’s results, a page of questions at a time', (t) =>
    withBrowser(
      async ({ live, page }) => {
        const check = checker(t, page);
        await page.goto(live.at('/admin/login'));
        await logIn(page, ADMIN_PASSWORD);
        await page.goto(live.at('/admin/surveys/long?page=2'));
        assert.equal(
          await page.getByRole('navigation', { name: 'Question pages' }).first().isVisible(),
          true,
        );
        await check('the second page of a 120-question survey’s results, with its pager');
      },
      {
        app: {
          adminPassword: ADMIN_PASSWORD,
          surveys: [
            makeSurvey('long', {
              title: 'Long survey',
              questions: Array.from({ length: 120 }, (_, i) => ({ text: `Question ${i + 1}?` })),
            }),
          ],
        },
        context: PHONE,
      },
    ));
});
