/**
 * The course-evaluation sample (every question kind, issue 14) as a respondent in a browser
 * takes it: one step per page, each answering its question with the control a person would
 * use (a radio's label, a select, typing). The answers are those of the HTTP test's
 * COURSE_ANSWERS table, so the thank-you page and the export read the same here.
 */
import type { Page } from 'playwright-core';
import type { Kind } from '../../../src/domain/questions/index.js';

export { COURSE, COURSE_EXPORT, COURSE_THANKS } from '../../support/course.js';

/** One page of the survey: its kind, and how to answer it by hand. */
export interface CourseStep {
  readonly kind: Kind;
  answer(page: Page): Promise<void>;
}

const check = (label: string) => (page: Page) => page.getByLabel(label, { exact: true }).check();

/** The fifteen pages, in order: each kind once. */
export const COURSE_STEPS: readonly CourseStep[] = [
  { kind: 'statement', answer: async () => {} },
  {
    kind: 'choice',
    answer: async (page) => {
      await page.getByText('Another track', { exact: true }).click();
      await page.getByLabel('Please specify').fill('Security');
    },
  },
  {
    kind: 'dropdown',
    answer: async (page) => {
      await page.getByLabel('Where did you attend?').selectOption({ label: 'Lisbon' });
    },
  },
  { kind: 'yesno', answer: check('No') },
  {
    kind: 'multi',
    answer: async (page) => {
      for (const topic of ['Testing', 'Databases', 'Other'])
        await page.getByText(topic, { exact: true }).click();
      await page.getByLabel('Please specify').fill('Pairing');
    },
  },
  {
    kind: 'number',
    answer: (page) => page.getByLabel(/^About how many hours/).fill('7.5'),
  },
  {
    kind: 'date',
    answer: (page) => page.getByLabel(/^When did you finish/).fill('2026-03-14'),
  },
  { kind: 'rating', answer: check('4') },
  { kind: 'nps', answer: check('9') },
  {
    kind: 'grid',
    answer: async (page) => {
      await check('The explanations were clear: Agree')(page);
      await check('The pace was right: Neutral')(page);
      await check('Feedback came in time: Disagree')(page);
    },
  },
  {
    kind: 'ranking',
    answer: async (page) => {
      await page.getByLabel('More mentoring').selectOption('1');
      await page.getByLabel('More exercises').selectOption('2');
    },
  },
  {
    kind: 'text',
    answer: (page) => page.getByLabel(/^In one sentence/).fill('=SUM(A1) was fun'),
  },
  { kind: 'longtext', answer: async () => {} },
  {
    kind: 'email',
    answer: (page) => page.getByLabel(/^Your email address/).fill('ada@example.org'),
  },
  {
    kind: 'consent',
    answer: (page) => page.getByText(/^You may quote my answers/).click(),
  },
];

/** Presses Next (or Finish) and waits for the page the redirect leads to. */
export async function next(page: Page): Promise<void> {
  const before = page.url();
  await Promise.all([
    page.waitForURL((url) => url.toString() !== before),
    page.getByRole('button', { name: /^(Next|Finish)$/ }).click(),
  ]);
}

/** Answers the pages from `from` up to (not including) `to`, each then sent with Next. */
export async function answerCourse(page: Page, from = 0, to = COURSE_STEPS.length): Promise<void> {
  for (const step of COURSE_STEPS.slice(from, to)) {
    await step.answer(page);
    await next(page);
  }
}

/** The index of a kind's page in the course survey. */
export function pageOf(kind: Kind): number {
  const index = COURSE_STEPS.findIndex((s) => s.kind === kind);
  if (index < 0) throw new Error(`the course survey has no ${kind} question`);
  return index;
}
