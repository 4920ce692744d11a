import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chromiumSkip } from './support/chromium.js';
import {
  answerByClicking,
  notices,
  progress,
  SAMPLE_ANSWERS,
  startSurvey,
  submitInPlace,
} from './support/pages.js';
import { useChromium } from './support/suite.js';

const NO_SCRIPT = { context: { javaScriptEnabled: false } } as const;

describe('with JavaScript disabled', { skip: chromiumSkip, concurrency: 4 }, () => {
  const withBrowser = useChromium();

  test('the browser really runs no script in this mode', () =>
    withBrowser(async ({ page }) => {
      await page.setContent(
        '<p id="x">no</p><script>document.getElementById("x").textContent = "yes"</script>',
      );
      assert.equal(await page.locator('#x').textContent(), 'no');
    }, NO_SCRIPT));

  for (const slug of ['satisfaction', 'personality'] as const) {
    test(`the ${slug} survey works end to end: guard, flash, errors and thanks`, () =>
      withBrowser(async ({ live, page }) => {
        await page.goto(live.url);
        await Promise.all([
          page.waitForURL(new RegExp(`/surveys/${slug}$`)),
          page.locator(`a[href="/surveys/${slug}"]`).click(),
        ]);
        assert.equal(await page.locator('script').count(), 0, 'pages ship no script at all');
        await startSurvey(page, live.url, slug);
        assert.equal(await submitInPlace(page), 422);
        assert.deepEqual(await page.locator('.error-summary li').allTextContents(), [
          'Please choose an answer.',
        ]);
        await page.goto(live.at(`/surveys/${slug}/questions/2`));
        assert.deepEqual(await notices(page), ['Invalid question id: 2.']);
        const answers = SAMPLE_ANSWERS[slug];
        for (const [qid, answer] of answers.entries()) {
          assert.equal((await progress(page)).value, qid);
          await answerByClicking(
            page,
            answer,
            qid === 3 && slug === 'personality' ? 'ok' : undefined,
          );
        }
        assert.equal(page.url(), live.at(`/surveys/${slug}/complete`));
        assert.deepEqual(await page.locator('.answer-choice').allTextContents(), [...answers]);
        const [response] = await live.test.storage.listResponses(slug);
        assert.equal(response?.answers.length, answers.length);
        assert.notEqual(response.completedAt, null);
      }, NO_SCRIPT));
  }
});
