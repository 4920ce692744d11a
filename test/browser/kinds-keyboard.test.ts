/**
 * Issue 14, keyboard only: the new multi-control kinds (multi with Other, grid, ranking, a
 * rating scale) are answered with Tab, Space, the arrow keys and typing, with the focus
 * visible at every stop. The pages before are answered by clicking; only the page under test
 * is kept from the mouse.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Kind } from '../../src/domain/questions/index.js';
import { chromiumSkip } from './support/chromium.js';
import { answerCourse, COURSE, pageOf } from './support/course.js';
import { focusIs, tabTo, type FocusStop } from './support/keyboard.js';
import { startSurvey } from './support/pages.js';
import { useChromium } from './support/suite.js';
import type { LiveApp } from './support/server.js';

/** Every stop must show where the focus is: `:focus-visible` and a real outline. */
function assertVisible(stops: readonly FocusStop[]): void {
  for (const stop of stops) {
    assert.ok(
      stop.focusVisible && stop.ring !== '',
      `focus is not visible on ${JSON.stringify(stop)}`,
    );
  }
}

/** Opens the course survey at the page of `kind`, the pages before answered by clicking. */
async function openAt(page: Page, live: LiveApp, kind: Kind): Promise<void> {
  await startSurvey(page, live.url, COURSE);
  await answerCourse(page, 0, pageOf(kind));
}

/** Tabs to the submit button and presses Enter; waits for the next page. */
async function submitWithKeys(page: Page): Promise<FocusStop[]> {
  const before = page.url();
  const stops = await tabTo(page, 'button[type="submit"]', 20);
  await Promise.all([
    page.waitForURL((url) => url.toString() !== before),
    page.keyboard.press('Enter'),
  ]);
  return stops;
}

/** What is stored for the course page of `kind`: its values (`item=value`) and Other text. */
async function stored(live: LiveApp, kind: Kind): Promise<string[]> {
  const [response] = await live.test.storage.listResponses(COURSE);
  const answer = response?.answers.find((a) => a.question === pageOf(kind));
  assert.ok(answer, `no ${kind} answer stored`);
  const items = (answer.items ?? []).map((i) => `${i.item ?? ''}=${i.value}`);
  return answer.other === undefined ? items : [...items, `other: ${answer.other}`];
}

const id = (value: string): string => `[id="${value}"]`;

describe('every new kind with the keyboard alone', { skip: chromiumSkip, concurrency: 4 }, () => {
  const withBrowser = useChromium();

  test('a multi question: Space ticks, Tab moves on, Other is typed into', () =>
    withBrowser(async ({ live, page }) => {
      await openAt(page, live, 'multi');
      const stops = await tabTo(page, id('answer-0'), 20);
      await page.keyboard.press('Space'); // Testing
      stops.push(...(await tabTo(page, id('answer-2')))); // past Software design
      await page.keyboard.press('Space'); // Databases
      stops.push(...(await tabTo(page, id('answer-5')))); // past Deployment, None of these
      await page.keyboard.press('Space'); // Other
      stops.push(...(await tabTo(page, id('other-0'))));
      await page.keyboard.type('Pairing');
      stops.push(...(await submitWithKeys(page)));
      assertVisible(stops);
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/questions/${pageOf('number')}`));
      assert.deepEqual(await stored(live, 'multi'), ['=testing', '=databases', 'other: Pairing']);
    }));

  test('a grid: Tab reaches each row, the arrow keys choose within it', () =>
    withBrowser(async ({ live, page }) => {
      await openAt(page, live, 'grid');
      // The scrolling region is a stop of its own, so it can be scrolled with the keys.
      const stops = await tabTo(page, '.grid-scroll', 20);
      stops.push(...(await tabTo(page, id('answer.clear-0'))));
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight'); // Agree
      stops.push(...(await tabTo(page, id('answer.pace-0'))));
      await page.keyboard.press('ArrowRight'); // Neutral
      stops.push(...(await tabTo(page, id('answer.feedback-0'))));
      await page.keyboard.press('Space'); // Disagree
      const checked = await page.locator('.grid-table input:checked').all();
      const chosen = await Promise.all(checked.map((input) => input.getAttribute('id')));
      assert.deepEqual(chosen, ['answer.clear-2', 'answer.pace-1', 'answer.feedback-0']);
      stops.push(...(await submitWithKeys(page)));
      assertVisible(stops);
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/questions/${pageOf('ranking')}`));
      assert.deepEqual(await stored(live, 'grid'), [
        'clear=agree',
        'pace=neutral',
        'feedback=disagree',
      ]);
    }));

  test('a ranking: each select takes its rank from the arrow keys or by typing it', () =>
    withBrowser(async ({ live, page }) => {
      await openAt(page, live, 'ranking');
      const stops = await tabTo(page, id('answer.exercises-0'), 20);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown'); // 2
      stops.push(...(await tabTo(page, id('answer.mentoring-0')))); // past Better videos
      await page.keyboard.type('1');
      assert.equal(await page.getByLabel('More exercises').inputValue(), '2');
      assert.equal(await page.getByLabel('Better videos').inputValue(), '');
      assert.equal(await page.getByLabel('More mentoring').inputValue(), '1');
      stops.push(...(await submitWithKeys(page)));
      assertVisible(stops);
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/questions/${pageOf('text')}`));
      assert.deepEqual(await stored(live, 'ranking'), ['mentoring=1', 'exercises=2']);
    }));

  test('a rating scale: Tab enters it, the arrow keys move along the points', () =>
    withBrowser(async ({ live, page }) => {
      await openAt(page, live, 'rating');
      const stops = await tabTo(page, id('answer-0'), 20);
      await page.keyboard.press('Space'); // 1
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight'); // 4
      assert.equal(await focusIs(page, id('answer-3')), true);
      assert.equal(await page.locator('input[name="answer"]:checked').getAttribute('value'), '4');
      stops.push(...(await submitWithKeys(page)));
      assertVisible(stops);
      assert.equal(page.url(), live.at(`/surveys/${COURSE}/questions/${pageOf('nps')}`));
    }));
});
