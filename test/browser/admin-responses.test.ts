/**
 * Issue 17 item 2 in Chromium (the admin pages carry no script): an owner opens the responses of a survey, one
 * response, deletes it through the confirmation page and finds it in the audit log; every new
 * page has no WCAG 2.1 AA violations (axe-core), light or dark, phone or desktop.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { answerByClicking, logIn, SAMPLE_ANSWERS, startSurvey } from './support/pages.js';
import { useChromium } from './support/suite.js';

const PASSWORD = 'correct horse battery staple';

describe('the response pages in Chromium', { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();

  test('an owner reads a response, deletes it after confirming, and sees it in the audit log', () =>
    withBrowser(
      async ({ live, page }) => {
        await startSurvey(page, live.url, 'satisfaction');
        for (const answer of SAMPLE_ANSWERS.satisfaction) await answerByClicking(page, answer);
        await page.goto(live.at('/admin/login'));
        await logIn(page, PASSWORD);
        await page.goto(live.at('/admin/surveys/satisfaction'));
        await Promise.all([
          page.waitForURL(/\/admin\/surveys\/satisfaction\/responses$/),
          page.getByRole('link', { name: 'Responses', exact: true }).click(),
        ]);
        await assertAccessible(page);
        const link = page.getByRole('link', { name: /^#\d+$/ });
        assert.equal(await link.count(), 1);
        await Promise.all([page.waitForURL(/\/responses\/\d+$/), link.click()]);
        await page.getByRole('heading', { level: 1, name: /^Response #\d+$/ }).waitFor();
        await assertAccessible(page);
        await Promise.all([
          page.waitForURL(/\/responses\/\d+\/delete\??$/),
          page.getByRole('button', { name: 'Delete this response' }).click(),
        ]);
        await assertAccessible(page);
        await Promise.all([
          page.waitForURL(/\/responses$/),
          page.getByRole('button', { name: 'Delete', exact: true }).click(),
        ]);
        await page.getByText(/^Response #\d+ was deleted\.$/).waitFor();
        assert.equal(await page.getByRole('link', { name: /^#\d+$/ }).count(), 0);
        await assertAccessible(page);
        await Promise.all([
          page.waitForURL(/\/versions\/1\/clear$/),
          page.getByRole('link', { name: 'Delete all responses of version 1' }).click(),
        ]);
        await assertAccessible(page);
        await page.goto(live.at('/admin'));
        const row = page.getByRole('row', { name: /Response deleted/ });
        assert.equal(await row.count(), 1);
        await assertAccessible(page);
      },
      // axe runs in the page, so this context keeps JavaScript on; the pages send none.
      { app: { adminPassword: PASSWORD } },
    ));
});
