/**
 * Issue 14 in a real browser: the course-evaluation sample (every question kind) taken by
 * clicking, selecting and typing, shown back, stored and exported; and refused answers of the
 * new kinds shown again with their errors where the respondent can find and fix them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { axTree } from './support/ax-tree.js';
import { chromiumSkip } from './support/chromium.js';
import {
  answerCourse,
  COURSE,
  COURSE_EXPORT,
  COURSE_THANKS,
  next,
  pageOf,
} from './support/course.js';
import { focusIs, focusStop } from './support/in-page.js';
import { tabTo } from './support/keyboard.js';
import { startSurvey, submitInPlace } from './support/pages.js';
import { useChromium } from './support/suite.js';
import type { LiveApp } from './support/server.js';

interface ExportEntry {
  readonly id: string;
  readonly answer: unknown;
  readonly other?: string;
}

/** The course survey's responses in the JSON export, as [id, answer, other?] per answer. */
async function exported(live: LiveApp): Promise<unknown[][][]> {
  const admin = live.test.browser();
  await logInAsAdmin(admin);
  const json = await admin.get(`/admin/surveys/${COURSE}/responses.json`);
  const body = JSON.parse(json.body) as { responses: { answers: ExportEntry[] }[] };
  return body.responses.map((r) =>
    r.answers.map((a) => [a.id, a.answer, ...(a.other === undefined ? [] : [a.other])]),
  );
}

/**
 * The 422 page shows `message` beside the field and in the summary; the summary link moves
 * focus to `target` (an id, matched literally: the ids of items contain dots).
 */
async function assertErrorShown(page: Page, message: string, target: string): Promise<void> {
  assert.match(await page.title(), /^Error: /);
  const summary = page.locator('.error-summary a', { hasText: message }).first();
  assert.equal(await summary.getAttribute('href'), `#${target}`);
  assert.ok((await page.locator('.field-error', { hasText: message }).count()) >= 1);
  await summary.click();
  assert.equal(await focusIs(page, `[id="${target}"]`), true, `focus on #${target}`);
}

/** The accessibility-tree node named `name` with role `role`: invalid, described by `message`. */
async function assertInvalid(page: Page, role: string, name: string, message: string) {
  const node = (await axTree(page)).find((n) => n.role === role && n.name === name);
  assert.ok(node, `no ${role} named ${name}`);
  assert.equal(node.properties.invalid, 'true', `${name} is not aria-invalid`);
  assert.ok(node.description.includes(message), `${name} is described by "${node.description}"`);
}

describe('every question kind in Chromium', { skip: chromiumSkip, concurrency: 4 }, () => {
  const withBrowser = useChromium();
  const APP = { app: { adminPassword: ADMIN_PASSWORD } };

  test('the course survey is taken by hand, thanked for, stored and exported', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, COURSE);
      await answerCourse(page);
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/complete`));
      await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
      assert.deepEqual(await page.locator('.answer-choice').allTextContents(), COURSE_THANKS);
      const [response] = await live.test.storage.listResponses(COURSE);
      assert.notEqual(response?.completedAt, null);
      assert.deepEqual(await exported(live), [COURSE_EXPORT]);
    }, APP));

  test('more ticks than max are refused and shown again with the group marked invalid', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, COURSE);
      await answerCourse(page, 0, pageOf('multi'));
      const ticked = ['Testing', 'Software design', 'Databases', 'Deployment'];
      for (const topic of ticked) await page.getByLabel(topic, { exact: true }).check();
      assert.equal(await submitInPlace(page), 422);
      const message = 'Please choose at most 3 answers.';
      await assertInvalid(page, 'group', 'Which topics did you find most useful?', message);
      await assertErrorShown(page, message, 'answer-0');
      for (const topic of ticked)
        assert.equal(await page.getByLabel(topic, { exact: true }).isChecked(), true, topic);
      assert.equal(await page.getByLabel('None of these').isChecked(), false);
    }));

  test('a number out of range is refused and kept in its box, which is marked invalid', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, COURSE);
      await answerCourse(page, 0, pageOf('number'));
      const box = page.getByLabel(/^About how many hours/);
      await box.fill('81');
      assert.equal(await submitInPlace(page), 422);
      const message = 'Please enter a number of at most 80.';
      const name = 'About how many hours a week did you spend on the course?';
      await assertInvalid(page, 'spinbutton', name, message);
      await assertErrorShown(page, message, 'answer-0');
      assert.equal(await box.inputValue(), '81');
      // Fixing it lets the respondent on.
      await box.fill('12');
      await next(page);
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/questions/${pageOf('date')}`));
    }));

  test('a rank given twice is refused on both selects, which keep their ranks', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, COURSE);
      await answerCourse(page, 0, pageOf('ranking'));
      await page.getByLabel('More exercises').selectOption('1');
      await page.getByLabel('More mentoring').selectOption('1');
      assert.equal(await submitInPlace(page), 422);
      const message = 'Each rank can be given once: 1 is given more than once.';
      for (const choice of ['More exercises', 'More mentoring'])
        await assertInvalid(page, 'combobox', choice, message);
      await assertErrorShown(page, message, 'answer.exercises-0');
      assert.equal(await page.getByLabel('More exercises').inputValue(), '1');
      assert.equal(await page.getByLabel('More mentoring').inputValue(), '1');
      assert.equal(await page.getByLabel('Better videos').inputValue(), '');
    }));

  test('a grid row left empty is refused on that row, the rows answered stay ticked', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, COURSE);
      await answerCourse(page, 0, pageOf('grid'));
      await page.getByLabel('The explanations were clear: Agree').check();
      await page.getByLabel('Feedback came in time: Neutral').check();
      assert.equal(await submitInPlace(page), 422);
      const message = 'Please choose an answer for "The pace was right".';
      await assertInvalid(page, 'radio', 'The pace was right: Disagree', message);
      await assertErrorShown(page, message, 'answer.pace-0');
      assert.equal(await page.getByLabel('The explanations were clear: Agree').isChecked(), true);
      assert.equal(await page.getByLabel('Feedback came in time: Neutral').isChecked(), true);
    }));

  test('a ranking left empty: the summary link takes the focus to the group, then its selects', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, COURSE);
      await answerCourse(page, 0, pageOf('ranking'));
      assert.equal(await submitInPlace(page), 422);
      const message = 'Please rank your top 2.';
      await assertInvalid(page, 'group', 'What should we improve first?', message);
      await tabTo(page, '.error-summary a');
      await page.keyboard.press('Enter');
      // The group is where the error is told; the next Tab reaches the first of its selects.
      assert.equal(await focusIs(page, 'fieldset[id="answer-0"]'), true);
      assert.notEqual((await focusStop(page)).ring, '', 'the focused group shows a ring');
      await page.keyboard.press('Tab');
      assert.equal(await focusIs(page, '[id="answer.exercises-0"]'), true);
    }));
});
