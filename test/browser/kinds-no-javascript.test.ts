/**
 * Issue 14 without JavaScript: every question kind works with plain HTML forms, so the
 * course-evaluation sample is taken, refused and thanked for exactly as with scripts on.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chromiumSkip } from './support/chromium.js';
import { answerCourse, COURSE, COURSE_THANKS, next, pageOf } from './support/course.js';
import { startSurvey, submitInPlace } from './support/pages.js';
import { useChromium } from './support/suite.js';

const NO_SCRIPT = { context: { javaScriptEnabled: false } } as const;

describe('every question kind with JavaScript disabled', { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();

  test('the course survey is taken end to end, with a refused date on the way', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, COURSE);
      assert.equal(await page.locator('script').count(), 0, 'pages ship no script at all');
      await answerCourse(page, 0, pageOf('date'));
      const date = page.getByLabel(/^When did you finish/);
      await date.fill('2025-12-31');
      assert.equal(await submitInPlace(page), 422);
      assert.equal(await date.getAttribute('aria-invalid'), 'true');
      assert.equal(await date.inputValue(), '2025-12-31');
      assert.equal(await page.locator('.error-summary li').count(), 1);
      await date.fill('2026-03-14');
      await next(page);
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/questions/${pageOf('rating')}`));
      await answerCourse(page, pageOf('rating'));
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/complete`));
      assert.deepEqual(await page.locator('.answer-choice').allTextContents(), COURSE_THANKS);
      const [response] = await live.test.storage.listResponses(COURSE);
      assert.ok(response?.completedAt);
      assert.equal(response.answers.length, COURSE_THANKS.length + 1);
    }, NO_SCRIPT));
});
