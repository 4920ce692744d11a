import type { Page } from 'playwright-core';

/** Opens a survey's start page and presses Start, landing on its first question. */
export async function startSurvey(page: Page, origin: string, slug: string): Promise<void> {
  await page.goto(new URL(`/surveys/${slug}`, origin).toString());
  await Promise.all([
    page.waitForURL(/\/questions\/0$/),
    page.getByRole('button', { name: 'Start' }).click(),
  ]);
}

/** Answers the question on screen by clicking its choice's label, then Next (or Finish). */
export async function answerByClicking(
  page: Page,
  choice: string,
  comment?: string,
): Promise<void> {
  await page.getByLabel(choice, { exact: true }).check();
  if (comment !== undefined) await page.getByLabel(/^Tell us more/).fill(comment);
  const before = page.url();
  await Promise.all([
    page.waitForURL((url) => url.toString() !== before),
    page.getByRole('button', { name: /^(Next|Finish)$/ }).click(),
  ]);
}

/** Presses a submit button whose POST answers with a page in place (422, 403); its status. */
export async function submitInPlace(
  page: Page,
  button: string | RegExp = /^(Next|Finish)$/,
): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

/** The flash messages on the page, as text. */
export function notices(page: Page): Promise<string[]> {
  return page.locator('.notice').allTextContents();
}

/** What the progress indicator says: its label, and its value out of its maximum. */
export async function progress(page: Page): Promise<{ label: string; value: number; max: number }> {
  const bar = page.getByRole('progressbar');
  return {
    label: (await page.locator('#progress-label').textContent()) ?? '',
    value: Number(await bar.getAttribute('value')),
    max: Number(await bar.getAttribute('max')),
  };
}

/** Logs in on the admin login page on screen, landing on the dashboard. */
export async function logIn(page: Page, password: string): Promise<void> {
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    page.waitForURL(/\/admin$/),
    page.getByRole('button', { name: 'Log in' }).click(),
  ]);
}

/** The sample surveys' questions, answered by clicking, in order. */
export const SAMPLE_ANSWERS = {
  satisfaction: ['Yes', 'No', 'Less than $10,000', 'Yes'],
  personality: ['Yes', 'No', 'Hedgehogs', 'wtf()'],
} as const;
