import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chromiumSkip } from './support/chromium.js';
import {
  answerByClicking,
  logIn,
  SAMPLE_ANSWERS,
  startSurvey,
  submitInPlace,
} from './support/pages.js';
import { useChromium } from './support/suite.js';

const PASSWORD = 'correct horse battery staple';

describe('the admin pages in Chromium', { skip: chromiumSkip, concurrency: 4 }, () => {
  const withBrowser = useChromium();

  test('an owner logs in, reads the counts and the charts without script, and logs out', () =>
    withBrowser(
      async ({ live, page }) => {
        await startSurvey(page, live.url, 'satisfaction');
        for (const answer of SAMPLE_ANSWERS.satisfaction) await answerByClicking(page, answer);
        await page.goto(live.at('/admin'));
        assert.equal(page.url(), live.at('/admin/login'));
        await page.getByLabel('Password').fill('not the password');
        assert.notEqual(await submitInPlace(page, 'Log in'), 200);
        await page.getByText('That password is not correct.').waitFor();
        await logIn(page, PASSWORD);
        const row = page.getByRole('row', { name: /Customer Satisfaction Survey/ });
        assert.deepEqual(await row.locator('td').allTextContents(), ['1', '1', '100%']);
        await Promise.all([
          page.waitForURL(/\/admin\/surveys\/satisfaction$/),
          row.getByRole('link').click(),
        ]);
        // The drop-off chart, an image with a name, and one chart per question, a named group
        // of links that filter by their bar (issue 17 item 1).
        assert.equal(await page.getByRole('img', { name: /^Drop-off/ }).count(), 1);
        const charts = page.getByRole('group', { name: /^Question \d/ });
        assert.equal(await charts.count(), 4);
        assert.equal(await page.locator('svg.chart').count(), 5);
        const first = page.getByRole('group', {
          name: /^Question 1: Have you shopped here before\?/,
        });
        await first.waitFor();
        assert.equal(await first.getByRole('link').count(), 2);
        assert.ok((await page.locator('svg.chart text').allTextContents()).includes('1 (100%)'));
        await Promise.all([
          page.waitForURL(/\/admin\/login$/),
          page.getByRole('button', { name: 'Log out' }).click(),
        ]);
        await page.goto(live.at('/admin/surveys/satisfaction'));
        assert.equal(page.url(), live.at('/admin/login'));
      },
      { app: { adminPassword: PASSWORD }, context: { javaScriptEnabled: false } },
    ));
});
