/**
 * The branching pages of `npm run screenshots` (issue 15): the engagement sample taken as a
 * respondent in a browser. A page of several questions, the Likert grid sent with rows missing
 * (every question's errors at once), the follow-up page a low answer brings onto the path, and
 * a page opened again through Back, filled in with what was stored.
 */
import type { Page } from 'playwright-core';
import { animationsSettled } from '../test/browser/support/in-page.js';
import { startSurvey, submitInPlace } from '../test/browser/support/pages.js';
import type { LiveApp } from '../test/browser/support/server.js';

const SLUG = 'engagement';

const check = (page: Page, label: string) => page.getByLabel(label, { exact: true }).check();

/** Presses Next and waits for the page the redirect leads to. */
async function next(page: Page): Promise<void> {
  const before = page.url();
  await Promise.all([
    page.waitForURL((url) => url.toString() !== before),
    page.getByRole('button', { name: /^(Next|Finish)$/ }).click(),
  ]);
}

/** Neither the focus ring of the last control used nor a choice still fading in. */
async function settle(page: Page): Promise<void> {
  if ((await page.locator(':focus').count()) > 0) await page.locator(':focus').blur();
  await animationsSettled(page);
}

/** Takes the engagement survey on `page`, calling `shoot` with each picture's name. */
export async function takePaths(
  page: Page,
  live: LiveApp,
  look: string,
  shoot: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const shot = async (name: string): Promise<void> => {
    await settle(page);
    await shoot(page, `${name}-${look}`);
  };
  await startSurvey(page, live.url, SLUG);
  // Page 1 of the path: two questions, a dropdown and a choice, answered.
  await page.getByLabel('Which team are you in?').selectOption({ label: 'Support' });
  await check(page, 'One to three years');
  await shot('paths-page');
  await next(page);

  // Page 2: the grid with one row answered and the NPS left empty, sent.
  await check(page, 'I feel valued for the work I do: Disagree');
  await submitInPlace(page);
  await shot('paths-grid-error');
  for (const row of ['I have room to grow here', 'My manager supports me'])
    await check(page, `${row}: Agree`);
  await check(page, 'My workload is manageable: Strongly disagree');
  await check(page, '6');
  await next(page);

  // The follow-up page, on the path because of the low answers.
  await page.getByText('A lighter workload', { exact: true }).click();
  await page.getByText('Flexible hours', { exact: true }).click();
  await shot('paths-follow-up');

  // Back: page 2 again, filled in from the stored answers, with its revision.
  await Promise.all([
    page.waitForURL(/\/questions\/1$/),
    page.getByRole('link', { name: 'Back' }).click(),
  ]);
  await shot('paths-back');
}
