/**
 * Issue 17 item 5 in Chromium: the owner's API token page (its list, its form with errors,
 * the page showing a new token) has no WCAG 2.1 AA violations (axe-core) in light or dark mode,
 * on a phone or a desktop, and a token is made and revoked with the keyboard alone and no
 * JavaScript.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { tabTo } from './support/keyboard.js';
import { logIn, notices } from './support/pages.js';
import { useChromium } from './support/suite.js';

const ADMIN_PASSWORD = 'correct horse battery staple';

describe(
  'API tokens page (axe-core, WCAG 2.1 AA; keyboard; no JavaScript)',
  { skip: chromiumSkip },
  () => {
    const withBrowser = useChromium();

    test('the list, the form with its errors and the new token page have no violations', () =>
      withBrowser(
        async ({ live, page }) => {
          const { storage } = live.test;
          for (const [i, survey] of [null, 'satisfaction'].entries()) {
            const id = await storage.createApiToken({
              hash: `hash-${i}`,
              name: `A rather long token name for a nightly warehouse import ${i}`,
              survey,
              createdAt: new Date(),
              detail: () => 'made',
            });
            if (i === 0)
              await storage.revokeApiToken({ id, at: new Date(), detail: () => 'revoked' });
          }
          await page.goto(live.at('/admin/login'));
          await logIn(page, ADMIN_PASSWORD);
          await page.goto(live.at('/admin/tokens'));
          await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
          await assertAccessible(page);

          // A form without a name comes back with its error, announced and linked to the field.
          await page.getByLabel('Name (what will use it)').fill('   ');
          const [refused] = await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST'),
            page.getByRole('button', { name: 'Create a token' }).click(),
          ]);
          assert.equal(refused.status(), 422);
          await page.getByRole('alert').waitFor();
          await assertAccessible(page);

          await page.getByLabel('Name (what will use it)').fill('Spreadsheet');
          await page.getByLabel('Reads').selectOption('satisfaction');
          const [created] = await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST'),
            page.getByRole('button', { name: 'Create a token' }).click(),
          ]);
          assert.equal(created.status(), 201);
          await page.getByRole('heading', { name: 'API token created' }).waitFor();
          await assertAccessible(page);
        },
        { app: { adminPassword: ADMIN_PASSWORD } },
      ));

    test('a token is made and revoked with the keyboard alone, without JavaScript', () =>
      withBrowser(
        async ({ live, page }) => {
          await page.goto(live.at('/admin/login'));
          await logIn(page, ADMIN_PASSWORD);
          await page.goto(live.at('/admin/tokens'));
          await tabTo(page, '#token-name', 20);
          await page.keyboard.type('Nightly import');
          await page.keyboard.press('Tab');
          await page.keyboard.press('Tab');
          await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST'),
            page.keyboard.press('Enter'),
          ]);
          const token = await page.getByLabel('The token “Nightly import”').inputValue();
          assert.match(token, /^canvass_[A-Za-z0-9_-]{43}$/);

          // The token opens the API, from the same machine, until it is revoked.
          const read = () =>
            fetch(live.at('/api/v1/surveys'), { headers: { authorization: `Bearer ${token}` } });
          assert.equal((await read()).status, 200);
          await page.goto(live.at('/admin/tokens'));
          await tabTo(page, 'form[action$="/revoke"] button', 30);
          // The revoke POST answers 303 to the list, which shows the notice once loaded.
          await page.keyboard.press('Enter');
          await page.locator('.notice').waitFor();
          assert.deepEqual(await notices(page), [
            'The token “Nightly import” is revoked: it no longer opens the API.',
          ]);
          assert.equal((await read()).status, 401);
        },
        { app: { adminPassword: ADMIN_PASSWORD }, context: { javaScriptEnabled: false } },
      ));
  },
);
