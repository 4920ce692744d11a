import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Storage } from '../../src/storage/index.js';
import { chromiumSkip } from './support/chromium.js';
import {
  answerByClicking,
  notices,
  progress,
  SAMPLE_ANSWERS,
  startSurvey,
} from './support/pages.js';
import { useChromium } from './support/suite.js';

/** Every stored answer of a survey, as `question: answer` lines, one response per entry. */
async function stored(storage: Storage, slug: string): Promise<string[][]> {
  const responses = await storage.listResponses(slug);
  return responses.map((r) => r.answers.map((a) => `${a.question}: ${a.answer}`));
}

describe('taking a survey in Chromium', { skip: chromiumSkip, concurrency: 4 }, () => {
  const withBrowser = useChromium();

  for (const slug of ['satisfaction', 'personality'] as const) {
    test(`the ${slug} survey can be taken start to finish by clicking, with honest progress`, () =>
      withBrowser(async ({ live, page }) => {
        await startSurvey(page, live.url, slug);
        const answers = SAMPLE_ANSWERS[slug];
        for (const [qid, answer] of answers.entries()) {
          assert.equal(page.url(), live.at(`/surveys/${slug}/questions/${qid}`));
          // The bar shows answers given, never the page being shown.
          assert.deepEqual(await progress(page), {
            label: `Question ${qid + 1} of ${answers.length}`,
            value: qid,
            max: answers.length,
          });
          const comment =
            qid === 3 && slug === 'personality' ? '<b>Names</b> & "things"' : undefined;
          await answerByClicking(page, answer, comment);
        }
        assert.equal(page.url(), live.at(`/surveys/${slug}/complete`));
        await assert.doesNotReject(page.getByRole('heading', { name: 'Thank you!' }).waitFor());
        assert.deepEqual(await page.locator('.answer-choice').allTextContents(), [...answers]);
        if (slug === 'personality') {
          assert.deepEqual(await page.locator('.answer-comment').allTextContents(), [
            '<b>Names</b> & "things"',
          ]);
        }
        const responses = await live.test.storage.listResponses(slug);
        assert.equal(responses.length, 1);
        assert.notEqual(responses[0]?.completedAt, null);
      }));
  }

  test('typing an out-of-order question address shows the flash once', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, 'satisfaction');
      await answerByClicking(page, 'Yes');
      await page.goto(live.at('/surveys/satisfaction/questions/3'));
      assert.equal(page.url(), live.at('/surveys/satisfaction/questions/1'));
      assert.deepEqual(await notices(page), ['Invalid question id: 3.']);
      await page.reload();
      assert.equal(page.url(), live.at('/surveys/satisfaction/questions/1'));
      assert.deepEqual(await notices(page), []);
    }));

  test('the back button never records an answer twice or changes one', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, 'satisfaction');
      await answerByClicking(page, 'Yes');
      await answerByClicking(page, 'No');
      await page.goBack();
      // Pages are not cached (no-store): going back asks the server, whose guard returns the
      // respondent to the question they are on.
      assert.equal(page.url(), live.at('/surveys/satisfaction/questions/2'));
      assert.deepEqual(await notices(page), ['Invalid question id: 1.']);
      await page.goBack();
      assert.equal((await progress(page)).label, 'Question 3 of 4');
      await answerByClicking(page, 'Less than $10,000');
      await answerByClicking(page, 'No');
      assert.deepEqual(await stored(live.test.storage, 'satisfaction'), [
        ['0: Yes', '1: No', '2: Less than $10,000', '3: No'],
      ]);
    }));

  test('a form sent again from a second tab, or double-clicked, records each answer once', () =>
    withBrowser(async ({ live, page, context }) => {
      await startSurvey(page, live.url, 'satisfaction');
      const second = await context.newPage();
      await second.goto(page.url());
      await answerByClicking(page, 'Yes');
      // The second tab still shows question 1's form; sending it is a stale POST.
      await answerByClicking(second, 'No');
      assert.equal(second.url(), live.at('/surveys/satisfaction/questions/1'));
      await page.getByLabel('No', { exact: true }).check();
      await page.getByRole('button', { name: 'Next' }).dblclick();
      // The second click cancels the first click's navigation, as in any browser: wait for
      // the next question's page itself (a locator's wait outlives an aborted navigation), not
      // for one navigation (waitForURL failed with the aborted one, net::ERR_ABORTED, in CI).
      await page
        .locator('#progress-label', { hasText: 'Question 3 of 4' })
        .waitFor({ state: 'attached' });
      await page.reload();
      assert.equal(page.url(), live.at('/surveys/satisfaction/questions/2'));
      assert.deepEqual(await stored(live.test.storage, 'satisfaction'), [['0: Yes', '1: No']]);
    }));

  test('closing the browser and opening it again with its cookies resumes the survey', () =>
    withBrowser(async ({ live, page, context, browser }) => {
      await startSurvey(page, live.url, 'satisfaction');
      await answerByClicking(page, 'Yes');
      await answerByClicking(page, 'No');
      const saved = await context.storageState();
      await context.close();
      const reopened = await browser.newContext({ storageState: saved });
      try {
        const again = await reopened.newPage();
        await again.goto(live.at('/surveys/satisfaction'));
        await assert.doesNotReject(
          again.getByText('You have answered 2 of 4 questions.').waitFor(),
        );
        await Promise.all([
          again.waitForURL(/\/questions\/2$/),
          again.getByRole('link', { name: 'Continue' }).click(),
        ]);
        await answerByClicking(again, 'Less than $10,000');
        await answerByClicking(again, 'Yes');
        assert.equal(again.url(), live.at('/surveys/satisfaction/complete'));
        assert.deepEqual(await stored(live.test.storage, 'satisfaction'), [
          ['0: Yes', '1: No', '2: Less than $10,000', '3: Yes'],
        ]);
      } finally {
        await reopened.close();
      }
    }));
});
