/**
 * The question kinds of `npm run screenshots`: the course-evaluation sample walked through as
 * a respondent, its most telling pages captured once answered (a chosen control shows how
 * it looks when used), plus a grid refused with rows missing (the 422 page of a new kind).
 */
import type { Page } from 'playwright-core';
import type { Kind } from '../src/domain/questions/index.js';
import { COURSE, COURSE_STEPS, next } from '../test/browser/support/course.js';
import { animationsSettled } from '../test/browser/support/in-page.js';
import { startSurvey, submitInPlace } from '../test/browser/support/pages.js';
import type { LiveApp } from '../test/browser/support/server.js';

/** The kinds whose pages are shot: those with controls of their own. */
const SHOWN = new Set<Kind>(['multi', 'number', 'date', 'rating', 'nps', 'grid', 'ranking']);

/**
 * The grid sent with one row answered, so the page shows the other two rows' errors; then
 * the question asked again (a GET), so the answered picture shows no errors.
 */
async function shootRefusedGrid(page: Page, shot: (name: string) => Promise<void>): Promise<void> {
  await page.getByLabel('The explanations were clear: Agree').check();
  await submitInPlace(page);
  await shot('question-grid-error');
  await page.goto(page.url());
}

/** Takes the course survey on `page`, calling `shoot` with each picture's name. */
export async function takeQuestions(
  page: Page,
  live: LiveApp,
  look: string,
  shoot: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const shot = (name: string): Promise<void> => shoot(page, `${name}-${look}`);
  await startSurvey(page, live.url, COURSE);
  for (const step of COURSE_STEPS) {
    if (step.kind === 'grid') await shootRefusedGrid(page, shot);
    await step.answer(page);
    if (SHOWN.has(step.kind)) {
      // Not the focus ring of the last control used, nor a chosen point still fading in.
      if ((await page.locator(':focus').count()) > 0) await page.locator(':focus').blur();
      await animationsSettled(page);
      await shot(`question-${step.kind}`);
    }
    await next(page);
  }
}
