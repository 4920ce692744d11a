/**
 * Issue 17 item 4 in Chromium: the webhook admin pages (the list with its form, the form
 * refused, the secret shown once, an endpoint with a delivery log of a retried delivery, its
 * Send now button, the delete confirmation) have no WCAG 2.1 AA violations (axe-core), light or
 * dark, do not scroll sideways at 375 px, and an endpoint is added with the keyboard alone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWebhookWorker } from '../../src/cli/webhook-worker.js';
import { startReceiver } from '../support/receiver.js';
import { assertAccessibleHere } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { logIn } from './support/pages.js';
import { useChromium } from './support/suite.js';

const ADMIN_PASSWORD = 'correct horse battery staple';

describe('webhook admin pages (axe-core, WCAG 2.1 AA)', { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();
  test('the list, a refused form, the new secret and the delivery log have no violations and fit 375 px', () =>
    withBrowser(
      async ({ live, page }) => {
        const receiver = await startReceiver();
        try {
          receiver.answers = [500];
          const check = (what: string) => assertAccessibleHere(page, what);
          await page.goto(live.at('/admin/login'));
          await logIn(page, ADMIN_PASSWORD);
          await page.goto(live.at('/admin/webhooks'));
          await check('the empty list');

          // The keyboard alone: type a bad URL, submit with Enter, read the error, fix it.
          await page.getByLabel(/^URL/).focus();
          await page.keyboard.type('not a url');
          await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
          await page.getByRole('alert').waitFor();
          await check('the refused form');
          await page.getByLabel(/^URL/).fill(`${receiver.url}?${'long-query-'.repeat(20)}`);
          await page.getByLabel('Survey').selectOption({ label: 'All surveys' });
          await page.getByLabel(/^URL/).focus();
          await Promise.all([page.waitForURL(/\/admin\/webhooks$/), page.keyboard.press('Enter')]);
          await page.getByRole('heading', { name: 'Webhook endpoint added' }).waitFor();
          assert.match(await page.getByLabel('Signing secret').inputValue(), /^whsec_/);
          await check('the secret page');

          // A delivery that failed once and then went through: two attempts in the log.
          const { storage } = live.test;
          assert.equal(await storage.enqueueWebhookTest(1, new Date()), true);
          let clock = Date.now() + 1000;
          const worker = createWebhookWorker({
            storage,
            allowPrivate: true,
            now: () => clock,
            backoff: { baseMs: 1000, maxMs: 1000 },
          });
          assert.equal(await worker.pass(), 1);
          await page.goto(live.at('/admin/webhooks/1'));
          await page.getByRole('button', { name: 'Send now (msg_1)' }).waitFor();
          await check('a delivery waiting for its next try, with Send now');
          clock += 1000;
          assert.equal(await worker.pass(), 1);
          await worker.stop();
          await page.goto(live.at('/admin/webhooks'));
          await check('the list');
          await page.goto(live.at('/admin/webhooks/1'));
          await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
          assert.equal(await page.getByText('HTTP 500').count(), 1);
          await check('the endpoint with its log');

          // Delete asks first, and the keyboard alone reaches Cancel.
          await page.getByRole('link', { name: 'Delete the endpoint…' }).focus();
          await Promise.all([page.waitForURL(/\/delete$/), page.keyboard.press('Enter')]);
          await page.getByRole('heading', { name: 'Delete the endpoint?' }).waitFor();
          await check('the delete confirmation');
        } finally {
          await receiver.close();
        }
      },
      {
        app: { adminPassword: ADMIN_PASSWORD },
        context: { viewport: { width: 375, height: 740 } },
      },
    ));
});
