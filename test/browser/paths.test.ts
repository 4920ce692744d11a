/**
 * Issue 15 in Chromium: the engagement sample (surveys/engagement.yaml) served by the real app.
 * Its pages: 0 about, 1 work (a Likert grid and an NPS), 2 follow_up (shown after a low answer
 * on page 1), 3 contact (shown after `talk: yes` on page 2), 4 last. A respondent branches,
 * goes Back with the keyboard and changes an answer so a page leaves the path, with and
 * without JavaScript; every kind of page the flow shows has no WCAG 2.1 AA violations.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { sampleSurveys } from '../support/app.js';
import { assertAccessible } from './support/axe.js';
import { chromiumSkip } from './support/chromium.js';
import { tabTo } from './support/keyboard.js';
import { next } from './support/course.js';
import { progress, startSurvey, submitInPlace } from './support/pages.js';
import type { LiveApp } from './support/server.js';
import { useChromium } from './support/suite.js';

const SLUG = 'engagement';

const ROWS = {
  valued: 'I feel valued for the work I do',
  growth: 'I have room to grow here',
  manager: 'My manager supports me',
  workload: 'My workload is manageable',
} as const;

type Row = keyof typeof ROWS;
type Column = 'Strongly disagree' | 'Disagree' | 'Neutral' | 'Agree' | 'Strongly agree';

/** Grid answers that keep the follow-up page away (every condition of its `showIf` false). */
const HIGH: Record<Row, Column> = {
  valued: 'Agree',
  growth: 'Agree',
  manager: 'Strongly agree',
  workload: 'Neutral',
};
/** One low answer (`statements.valued lte 2`) is enough to bring the follow-up page in. */
const LOW: Record<Row, Column> = { ...HIGH, valued: 'Strongly disagree' };

const gridCell = (page: Page, row: Row, column: Column) =>
  page.getByLabel(`${ROWS[row]}: ${column}`, { exact: true });

/** A point of the NPS scale; the end points' labels carry their words ("10: Extremely likely"). */
const npsPoint = (page: Page, point: number) => page.getByLabel(new RegExp(`^${point}(: .*)?$`));

async function answerAbout(page: Page): Promise<void> {
  await page.getByLabel('Which team are you in?').selectOption({ label: 'Support' });
  await page.getByLabel('Less than a year', { exact: true }).check();
}

async function answerWork(page: Page, grid: Record<Row, Column>, recommend: number) {
  for (const [row, column] of Object.entries(grid) as [Row, Column][])
    await gridCell(page, row, column).check();
  await npsPoint(page, recommend).check();
}

async function answerFollowUp(page: Page, talk: 'Yes' | 'No'): Promise<void> {
  await page.getByLabel('Recognition', { exact: true }).check();
  await page.getByLabel(talk, { exact: true }).check();
}

/** The URL of page `n` of the survey. */
const pageUrl = (origin: string, n: number) =>
  new URL(`/surveys/${SLUG}/questions/${n}`, origin).toString();

/** Tabs to the Back link and presses Enter on it, then waits for the page it leads to. */
async function backByKeyboard(page: Page, to: string): Promise<void> {
  await tabTo(page, 'a[rel="prev"]', 40);
  await Promise.all([page.waitForURL(to), page.keyboard.press('Enter')]);
}

/** The question texts the thank-you page lists, in order. */
const thanked = (page: Page) => page.locator('.answer-question').allTextContents();

const ON_HAPPY_PATH = [
  'Which team are you in?',
  'How long have you worked here?',
  'How much do you agree with each statement?',
  'How likely are you to recommend working here to a friend?',
  'Is there anything else you would like to tell us?',
];

const HAPPY_IDS = ['team', 'tenure', 'statements', 'recommend', 'anything_else'];

/** The ids of the questions with a stored answer in the survey's only response, once complete. */
async function storedIds(live: LiveApp): Promise<(string | undefined)[]> {
  const [response, ...others] = await live.test.storage.listResponses(SLUG);
  assert.equal(others.length, 0, 'one response');
  assert.ok(response?.completedAt, 'the response is complete');
  const survey = (await sampleSurveys()).find((s) => s.slug === SLUG);
  assert.ok(survey);
  return response.answers.map((a) => survey.questions[a.question]?.id);
}

const NO_SCRIPT = { context: { javaScriptEnabled: false } } as const;

describe('the engagement survey’s paths in Chromium', { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();

  test('a low grid answer shows the follow-up page; high answers skip it', () =>
    withBrowser(async ({ live, page, browser }) => {
      await startSurvey(page, live.url, SLUG);
      await answerAbout(page);
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 1));
      await answerWork(page, LOW, 8);
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 2));
      await assert.doesNotReject(page.getByRole('heading', { name: 'What would help' }).waitFor());
      // about, work, follow_up, last, and the page behind a yes on this page: it may come.
      assert.deepEqual(await progress(page), { label: 'Page 3 of 5', value: 2, max: 5 });

      const other = await browser.newContext();
      try {
        const happy = await other.newPage();
        await startSurvey(happy, live.url, SLUG);
        await answerAbout(happy);
        await next(happy);
        await answerWork(happy, HIGH, 9);
        await next(happy);
        assert.equal(happy.url(), pageUrl(live.url, 4));
        assert.deepEqual(await progress(happy), { label: 'Page 3 of 3', value: 2, max: 3 });
        await next(happy);
        assert.equal(happy.url(), new URL(`/surveys/${SLUG}/complete`, live.url).toString());
        assert.deepEqual(await thanked(happy), ON_HAPPY_PATH);
      } finally {
        await other.close();
      }
    }));

  test('Back by keyboard shows earlier pages filled in; a changed answer takes the follow-up pages off the path and out of the answers', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, SLUG);
      await answerAbout(page);
      await next(page);
      await answerWork(page, LOW, 5);
      await next(page);
      await answerFollowUp(page, 'Yes');
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 3));
      await page.getByLabel(/^Which address should/).fill('ada@example.org');
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 4));

      // Back from the last page goes to the page before it on the path: contact, then
      // follow_up, then work, each filled in with what was sent.
      await backByKeyboard(page, pageUrl(live.url, 3));
      assert.equal(await page.getByLabel(/^Which address should/).inputValue(), 'ada@example.org');
      await backByKeyboard(page, pageUrl(live.url, 2));
      assert.ok(await page.getByLabel('Recognition', { exact: true }).isChecked());
      assert.ok(await page.getByLabel('Yes', { exact: true }).isChecked());
      await backByKeyboard(page, pageUrl(live.url, 1));
      for (const [row, column] of Object.entries(LOW) as [Row, Column][])
        assert.ok(await gridCell(page, row, column).isChecked(), `${row}: ${column}`);
      assert.ok(await npsPoint(page, 5).isChecked());
      assert.equal((await progress(page)).label, 'Page 2 of 5');

      // Every answer high now: the follow-up page and the page behind its yes leave the path.
      await answerWork(page, HIGH, 9);
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 4));
      assert.deepEqual(await progress(page), { label: 'Page 3 of 3', value: 2, max: 3 });
      await page.getByLabel(/^Is there anything else/).fill('Thanks for asking.');
      await next(page);
      assert.equal(page.url(), new URL(`/surveys/${SLUG}/complete`, live.url).toString());
      assert.deepEqual(await thanked(page), ON_HAPPY_PATH);
      const shown = await page.locator('.answer-choice').allTextContents();
      assert.ok(!shown.some((a) => a.includes('ada@example.org')), 'the address is gone');
      assert.ok(shown.includes('Thanks for asking.'));

      // The database agrees: the answers of the pages that left the path were deleted.
      assert.deepEqual(await storedIds(live), HAPPY_IDS);
    }));

  test('without JavaScript: a branch, Back, and a change that shortens the path', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, SLUG);
      assert.equal(await page.locator('script').count(), 0, 'pages ship no script at all');
      await answerAbout(page);
      await next(page);
      await answerWork(page, HIGH, 3);
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 2), 'a low NPS shows the follow-up page');
      await answerFollowUp(page, 'No');
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 4), 'no contact page without a yes');

      await backByKeyboard(page, pageUrl(live.url, 2));
      assert.ok(await page.getByLabel('No', { exact: true }).isChecked());
      await backByKeyboard(page, pageUrl(live.url, 1));
      assert.ok(await npsPoint(page, 3).isChecked());
      await npsPoint(page, 10).check();
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 4));
      await next(page);
      assert.deepEqual(await thanked(page), ON_HAPPY_PATH);
      assert.deepEqual(await storedIds(live), HAPPY_IDS);
    }, NO_SCRIPT));
});

describe('accessibility of the engagement flow', { skip: chromiumSkip }, () => {
  const withBrowser = useChromium();

  test('every kind of page it shows', (t: TestContext) =>
    withBrowser(async ({ live, page }) => {
      const check = (name: string) =>
        t.test(`${name} has no WCAG 2.1 AA violations, light or dark, phone or desktop`, () =>
          assertAccessible(page),
        );
      await startSurvey(page, live.url, SLUG);
      await check('the first page (a dropdown and a choice)');
      await answerAbout(page);
      await next(page);
      assert.equal(await submitInPlace(page), 422);
      assert.equal(await page.locator('.error-summary').count(), 1);
      await check('the grid and NPS page with every error');
      await answerWork(page, LOW, 6);
      await check('the grid and NPS page, answered');
      await next(page);
      await page.getByLabel('Pay and benefits', { exact: true }).check();
      await check('the follow-up page with its Back link');
      await answerFollowUp(page, 'No');
      await next(page);
      await backByKeyboard(page, pageUrl(live.url, 2));
      await check('the follow-up page opened under Back, filled in');
      await backByKeyboard(page, pageUrl(live.url, 1));
      await check('the grid page opened under Back, filled in');
      await next(page);
      assert.equal(page.url(), pageUrl(live.url, 2));
      await next(page);
      await next(page);
      assert.equal(page.url(), new URL(`/surveys/${SLUG}/complete`, live.url).toString());
      await check('the thank-you page');
    }));
});
