import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EVERY_KIND_ANSWERS, storeResponse, everyKind } from '../support/results.js';
import { assertAccessibleHere } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { logIn } from './support/pages.js';
import { useChromium } from './support/suite.js';

const ADMIN_PASSWORD = 'correct horse battery staple';
const SURVEY = everyKind('kinds');

const ANSWERS = {
  ...EVERY_KIND_ANSWERS,
  m: { ids: ['a', 'b'], other: 'cats' },
  t: 'A text answer',
  lt: 'A longer text answer',
};

describe('results of every kind (axe-core, WCAG 2.1 AA)', { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();
  test('the results page of a survey with every kind has no violations and fits 375 px', () =>
    withBrowser(
      async ({ live, page }) => {
        const [version] = await live.test.storage.listVersions('kinds');
        assert.ok(version !== undefined);
        for (const n of [4, 7, 12]) {
          await storeResponse(live.test.storage, SURVEY, version.id, { ...ANSWERS, n });
        }
        await page.goto(live.at('/admin/login'));
        await logIn(page, ADMIN_PASSWORD);
        await page.goto(live.at('/admin/surveys/kinds'));
        // The tables and lists behind the charts are checked open as well.
        for (const summary of await page.locator('summary').all()) await summary.click();
        await assertAccessibleHere(page, 'the results of every kind');
      },
      {
        app: { adminPassword: ADMIN_PASSWORD, surveys: [SURVEY] },
        context: { viewport: { width: 375, height: 740 } },
      },
    ));
});
