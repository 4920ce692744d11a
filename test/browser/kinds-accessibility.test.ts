/**
 * Issue 14, accessibility: the page of every question kind, with and without errors, and the
 * thank-you page that lists every kind's answer, have no WCAG 2.1 AA violations (axe-core) in
 * light and dark mode, at phone and at desktop width, and never scroll sideways on a phone.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { kindNames, type Kind } from '../../src/domain/questions/index.js';
import { assertAccessible } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { answerCourse, COURSE, COURSE_STEPS, next, pageOf } from './support/course.js';
import { startSurvey, submitInPlace } from './support/pages.js';
import { useChromium } from './support/suite.js';

/** Kinds whose controls look different once chosen (a filled card, a ticked box). */
const CHOSEN_LOOK = new Set<Kind>(['choice', 'yesno', 'multi', 'rating', 'nps', 'grid', 'consent']);

/** Each page checked is its own subtest, so one failure does not hide the others. */
function checker(t: TestContext, page: Page): (name: string) => Promise<void> {
  return async (name) => {
    await t.test(`${name} has no WCAG 2.1 AA violations, light or dark, phone or desktop`, () =>
      assertAccessible(page),
    );
  };
}

describe('accessibility of every question kind', { skip: chromiumSkip, concurrency: 2 }, () => {
  const withBrowser = useChromium();

  test('the course survey has a page of every kind', () => {
    assert.deepEqual(COURSE_STEPS.map((s) => s.kind).sort(), [...kindNames].sort());
  });

  test('the page of each kind, and the thank-you page', (t) =>
    withBrowser(async ({ live, page }) => {
      const check = checker(t, page);
      await startSurvey(page, live.url, COURSE);
      for (const step of COURSE_STEPS) {
        await check(`the ${step.kind} question`);
        await step.answer(page);
        // A chosen control is drawn in other colours, whose contrast counts too.
        if (CHOSEN_LOOK.has(step.kind)) await check(`the ${step.kind} question, answered`);
        await next(page);
      }
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/complete`));
      await check('the thank-you page of every kind');
    }));

  test('the pages of refused answers', (t) =>
    withBrowser(async ({ live, page }) => {
      const check = checker(t, page);
      await startSurvey(page, live.url, COURSE);
      await answerCourse(page, 0, pageOf('multi'));
      for (const topic of ['Testing', 'Software design', 'Databases', 'Deployment'])
        await page.getByLabel(topic, { exact: true }).check();
      assert.equal(await submitInPlace(page), 422);
      await check('a multi question with too many ticks');
      await page.getByLabel('Deployment').uncheck();
      await answerCourse(page, pageOf('multi'), pageOf('number'));
      await page.getByLabel(/^About how many hours/).fill('81');
      assert.equal(await submitInPlace(page), 422);
      await check('a number question out of range');
      await answerCourse(page, pageOf('number'), pageOf('grid'));
      assert.equal(await submitInPlace(page), 422);
      await check('a grid question with every row missing');
      await answerCourse(page, pageOf('grid'), pageOf('ranking'));
      await page.getByLabel('More exercises').selectOption('1');
      await page.getByLabel('More mentoring').selectOption('1');
      assert.equal(await submitInPlace(page), 422);
      await check('a ranking question with a rank given twice');
    }));
});
