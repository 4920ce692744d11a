/**
 * `npm run screenshots`: renders the key pages at phone and desktop widths (and at phone width
 * in dark mode) into docs/screenshots/, with Debian's Chromium driving a fresh in-process app
 * over real HTTP. The results page shows answers seeded through the ordinary respondent flow.
 * The question kinds' pages (scripts/screenshots-questions.ts) and the branching sample's pages
 * (scripts/screenshots-paths.ts) are shot at phone and desktop.
 * The README shows the images.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../test/browser/support/chromium.js';
import {
  answerByClicking,
  logIn,
  SAMPLE_ANSWERS,
  startSurvey,
  submitInPlace,
} from '../test/browser/support/pages.js';
import { serveApp, type LiveApp } from '../test/browser/support/server.js';
import { Browser as HttpBrowser, httpTransport } from '../test/support/browser.js';
import { answerAll, begin } from '../test/support/flow.js';
import { courseFields } from '../test/properties/course.js';
import { takePaths } from './screenshots-paths.js';
import { takeQuestions } from './screenshots-questions.js';

const OUT = new URL('../docs/screenshots/', import.meta.url);
const ADMIN_PASSWORD = 'screenshots-only-password';

const LOOKS = {
  phone: { viewport: { width: 375, height: 740 } },
  desktop: { viewport: { width: 1280, height: 800 } },
  'phone-dark': { viewport: { width: 375, height: 740 }, colorScheme: 'dark' },
} as const;

/** Fourteen respondents with varied answers; every fifth stops early, so drop-off shows. */
async function seedResponses(live: LiveApp): Promise<void> {
  const comments = ['Reads like a swear word.', 'Says nothing about what it does.', ''];
  for (let i = 0; i < 14; i++) {
    const browser = new HttpBrowser(httpTransport(live.url), live.url);
    await begin(browser, 'personality');
    const answers = [
      i % 3 === 0 ? 'No' : 'Yes',
      i % 4 === 0 ? 'Yes' : 'No',
      i % 3 === 1 ? 'Porcupines' : 'Hedgehogs',
      {
        answer: ['wtf()', 'do_stuff()', 'run_me()', 'wtf()'][i % 4] ?? 'wtf()',
        comment: comments[i % 3] ?? '',
      },
    ];
    await answerAll(browser, 'personality', i % 5 === 4 ? answers.slice(0, 2) : answers);
  }
}

/** Twelve respondents of the course survey, each form picked from the valid ones in turn. */
async function seedCourse(live: LiveApp): Promise<void> {
  const slug = '/surveys/course-evaluation';
  for (let i = 0; i < 12; i++) {
    const browser = new HttpBrowser(httpTransport(live.url), live.url);
    await begin(browser, 'course-evaluation');
    for (let qid = 0; qid < 15; qid++) {
      await browser.get(`${slug}/questions/${qid}`);
      await browser.post(`${slug}/questions/${qid}`, courseFields(qid, i * 7 + qid));
    }
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, OUT).pathname, fullPage: true });
  console.log(`wrote docs/screenshots/${name}.png`);
}

async function takeAll(live: LiveApp, context: BrowserContext, look: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(live.url);
  await shoot(page, `home-${look}`);
  await page.goto(live.at('/surveys/satisfaction'));
  await shoot(page, `start-${look}`);
  await startSurvey(page, live.url, 'satisfaction');
  const [first, second, ...rest] = SAMPLE_ANSWERS.satisfaction;
  await answerByClicking(page, first);
  await answerByClicking(page, second);
  await shoot(page, `question-${look}`);
  for (const answer of rest) await answerByClicking(page, answer);
  await shoot(page, `complete-${look}`);
  await page.goto(live.at('/surveys/no-such-survey'));
  await shoot(page, `not-found-${look}`);
  // The personality survey's last question (with its comment box), sent without a choice.
  await startSurvey(page, live.url, 'personality');
  for (const answer of SAMPLE_ANSWERS.personality.slice(0, 3)) await answerByClicking(page, answer);
  await page.getByLabel(/^Tell us more/).fill('Naming things is hard.');
  await submitInPlace(page);
  await shoot(page, `error-${look}`);
  await page.goto(live.at('/admin/login'));
  await logIn(page, ADMIN_PASSWORD);
  await shoot(page, `admin-${look}`);
  await page.goto(live.at('/admin/surveys/personality'));
  await shoot(page, `results-${look}`);
  // A chart for every kind: bars, histograms, the NPS split, the grid's heat table, ranks.
  await page.goto(live.at('/admin/surveys/course-evaluation'));
  await shoot(page, `results-kinds-${look}`);
  // One picture per kind and width shows its control; dark mode is covered by the pages above.
  if (look !== 'phone-dark') {
    await takeQuestions(page, live, look, shoot);
    await takePaths(page, live, look, shoot);
  }
}

mkdirSync(OUT, { recursive: true });
const chromium = await launchChromium();
const live = await serveApp({ adminPassword: ADMIN_PASSWORD });
try {
  await seedResponses(live);
  await seedCourse(live);
  for (const [look, options] of Object.entries(LOOKS)) {
    const context = await chromium.newContext(options);
    await takeAll(live, context, look);
    await context.close();
  }
} finally {
  await live.close();
  await chromium.close();
}
