/**
 * Issue 17 item 6 in Chromium: a public results page (free text included, its tables opened)
 * and the owner's page with its public-link section have no WCAG 2.1 AA violations (axe-core),
 * light or dark, and do not scroll sideways at 375 px.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newResumeToken } from '../../src/http/resume-links.js';
import { EVERY_KIND_ANSWERS, everyKind, storeResponse } from '../support/results.js';
import { assertAccessibleHere } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { logIn } from './support/pages.js';
import { useChromium } from './support/suite.js';

const ADMIN_PASSWORD = 'correct horse battery staple';
const SURVEY = everyKind('kinds');

describe('public results (axe-core, WCAG 2.1 AA)', { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();
  test('the public page and the owner’s public-link section have no violations and fit 375 px', () =>
    withBrowser(
      async ({ live, page }) => {
        const { storage } = live.test;
        const [version] = await storage.listVersions('kinds');
        assert.ok(version !== undefined);
        for (const n of [4, 7, 12]) {
          await storeResponse(storage, SURVEY, version.id, {
            ...EVERY_KIND_ANSWERS,
            n,
            t: 'A text',
          });
        }
        const { token, hash } = newResumeToken();
        await storage.createPublicLink({
          hash,
          survey: 'kinds',
          createdAt: new Date(),
          texts: true,
        });
        const check = async (path: string) => {
          const response = await page.goto(live.at(path));
          assert.equal(response?.status(), 200, path);
          for (const summary of await page.locator('summary').all()) await summary.click();
          await assertAccessibleHere(page, path);
        };
        await check(`/results/${token}`);
        assert.equal(await page.getByRole('link', { name: /Download/ }).count(), 0);
        await page.goto(live.at('/admin/login'));
        await logIn(page, ADMIN_PASSWORD);
        await check('/admin/surveys/kinds');
        await page.getByRole('heading', { name: 'Public link' }).waitFor();
      },
      {
        app: { adminPassword: ADMIN_PASSWORD, surveys: [SURVEY] },
        context: { viewport: { width: 375, height: 740 } },
      },
    ));
});
