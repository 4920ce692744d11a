import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axTree } from './support/ax-tree.js';
import { chromiumSkip } from './support/chromium.js';
import { focusIs, focusStop, tabTo, type FocusStop } from './support/keyboard.js';
import { answerByClicking, SAMPLE_ANSWERS, startSurvey, submitInPlace } from './support/pages.js';
import { useChromium } from './support/suite.js';

/** Every stop must show where the focus is: `:focus-visible` and a real outline. */
function assertVisible(stops: readonly FocusStop[]): void {
  for (const stop of stops) {
    assert.ok(
      stop.focusVisible && stop.ring !== '',
      `focus is not visible on ${JSON.stringify(stop)}`,
    );
  }
}

/** Picks choice `index` of the question on screen with Tab, Space and the arrow keys. */
async function chooseWithKeys(page: Page, index: number): Promise<FocusStop[]> {
  const stops = await tabTo(page, 'input[name="answer"]');
  await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  stops.push(await focusStop(page));
  return stops;
}

async function submitWithEnter(page: Page): Promise<FocusStop[]> {
  const stops = await tabTo(page, 'button[type="submit"]');
  await page.keyboard.press('Enter');
  return stops;
}

describe('keyboard and assistive technology', { skip: chromiumSkip, concurrency: 4 }, () => {
  const withBrowser = useChromium();

  test('a survey can be completed with the keyboard alone, focus visible at every stop', () =>
    withBrowser(async ({ live, page }) => {
      await page.goto(live.at('/surveys/personality'));
      await page.keyboard.press('Tab');
      // The first stop is the skip link, and it comes into view when focused.
      assert.equal(await focusIs(page, '.skip-link'), true);
      const skip = await page.locator('.skip-link').boundingBox();
      assert.ok(
        skip !== null && skip.x >= 0 && skip.y >= 0,
        `skip link at ${JSON.stringify(skip)}`,
      );
      const stops: FocusStop[] = [await focusStop(page)];
      stops.push(...(await submitWithEnter(page)));
      await page.waitForURL(/\/questions\/0$/);
      const picks = [0, 1, 1, 2]; // Yes, No, Hedgehogs, wtf()
      for (const [qid, index] of picks.entries()) {
        stops.push(...(await chooseWithKeys(page, index)));
        const chosen = await page.locator('input[name="answer"]:checked').getAttribute('value');
        assert.equal(chosen, SAMPLE_ANSWERS.personality[qid]);
        if (qid === 3) {
          stops.push(...(await tabTo(page, 'textarea')));
          await page.keyboard.type('Typed, not pasted.');
        }
        const url = page.url();
        stops.push(...(await submitWithEnter(page)));
        await page.waitForURL((u) => u.toString() !== url);
      }
      assert.equal(page.url(), live.at('/surveys/personality/complete'));
      assertVisible(stops);
      const responses = await live.test.storage.listResponses('personality');
      assert.deepEqual(
        responses[0]?.answers.map((a) => [a.answer, a.comment]),
        [
          ...SAMPLE_ANSWERS.personality.map((a) => [a, null]).slice(0, 3),
          ['wtf()', 'Typed, not pasted.'],
        ],
      );
    }));

  test('a missing answer takes focus, is announced, and links to its field', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, 'satisfaction');
      await submitWithEnter(page);
      await page.waitForSelector('.error-summary');
      assert.match(await page.title(), /^Error: /);
      // The summary is an alert and has focus, so a screen reader reads it first.
      assert.equal(await focusIs(page, '.error-summary[role="alert"]'), true);
      const stops = await tabTo(page, '.error-summary a');
      assertVisible(stops);
      await page.keyboard.press('Enter');
      assert.equal(await focusIs(page, '#answer-0'), true);
      // The group of choices is invalid and described by the message beside it.
      const group = (await axTree(page)).find(
        (n) => n.role === 'group' && n.name === 'Have you shopped here before?',
      );
      assert.equal(group?.description, 'Please choose an answer.');
      assert.equal(group.properties.invalid, 'true');
    }));

  test('a comment that is too long is announced on the comment box itself', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, 'personality');
      for (const answer of SAMPLE_ANSWERS.personality.slice(0, 3))
        await answerByClicking(page, answer);
      await page.getByLabel('wtf()', { exact: true }).check();
      await page.getByLabel(/^Tell us more/).fill('x'.repeat(2001));
      assert.equal(await submitInPlace(page), 422);
      const box = (await axTree(page)).find((n) => n.role === 'textbox');
      assert.match(box?.name ?? '', /^Tell us more/);
      assert.match(box?.description ?? '', /^Your comment is too long/);
      assert.equal(box?.properties.invalid, 'true');
      // What was typed and chosen is kept, so nothing has to be entered again.
      assert.equal((await page.getByLabel(/^Tell us more/).inputValue()).length, 2001);
      assert.equal(await page.getByLabel('wtf()', { exact: true }).isChecked(), true);
    }));

  test('the progress indicator is exposed as a named progress bar with the answers given', () =>
    withBrowser(async ({ live, page }) => {
      await startSurvey(page, live.url, 'satisfaction');
      await answerByClicking(page, 'Yes');
      await answerByClicking(page, 'No');
      const bars = (await axTree(page)).filter((n) => n.role === 'progressbar');
      assert.deepEqual(
        bars.map((b) => [b.name, b.value, b.properties.valuemin, b.properties.valuemax]),
        [['Question 3 of 4', '2', 0, 4]],
      );
    }));
});
