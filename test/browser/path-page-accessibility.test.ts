/**
 * Issue 15, accessibility of a path page: a `pages:` page of several questions — with its Back
 * link, with every question's errors at once, and filled in from stored answers — has no WCAG
 * 2.1 AA violations (axe-core), light or dark, phone or desktop, never scrolls sideways on a
 * phone, and the keyboard reaches Back just before the button. The page is `pathDocument`
 * served over real HTTP by a small Fastify app with the real stylesheet; the flow's own
 * end-to-end test comes with the routes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import {
  parseQuestionsSurvey,
  storedFormValues,
  toStoredValues,
  type FormFields,
  type Question,
} from '../../src/domain/index.js';
import { stylesheet } from '../../src/views/assets.js';
import { pathDocument, type PathPageInput, type PathSurvey } from '../../src/views/pages/page.js';
import { assertAccessible } from './support/axe.js';
import { chromiumSkip, launchChromium } from './support/chromium.js';
import { focusIs } from './support/in-page.js';

const TODAY = '2026-12-02';

function survey(): PathSurvey {
  const parsed = parseQuestionsSurvey({
    title: 'Course feedback',
    questions: [
      { id: 'name', type: 'text', text: 'Your name' },
      { id: 'intro', type: 'statement', text: 'Now the course itself.', help: 'Be frank.' },
      {
        id: 'topics',
        type: 'multi',
        text: 'Which topics helped?',
        choices: ['Testing', 'Design', { id: 'none', text: 'None of these', exclusive: true }],
        other: true,
        allowText: true,
      },
      {
        id: 'teaching',
        type: 'grid',
        text: 'Rate the teaching',
        rows: ['Lectures', 'Labs'],
        columns: ['Poor', 'Fair', 'Good'],
      },
      {
        id: 'rooms',
        type: 'grid',
        text: 'Rate the rooms',
        rows: ['Lectures', 'Labs'],
        columns: ['Poor', 'Fair', 'Good'],
        required: false,
      },
      { id: 'stars', type: 'rating', text: 'Overall', labels: { low: 'Bad', high: 'Great' } },
      { id: 'hours', type: 'number', text: 'Hours a week', min: 0, max: 80, unit: 'hours' },
      {
        id: 'order',
        type: 'ranking',
        text: 'Rank what to add',
        choices: ['Exercises', 'Mentoring'],
      },
      { id: 'when', type: 'date', text: 'When did you start?', max: 'today' },
      { id: 'ok', type: 'consent', text: 'Consent', label: 'You may quote me' },
    ],
  });
  if (!parsed.ok) assert.fail(parsed.problems.map((p) => p.message).join('; '));
  const all = parsed.survey.questions.map((_, i) => i);
  return {
    ...parsed.survey,
    slug: 'course',
    layout: 'pages',
    allowBack: true,
    pages: [
      { index: 0, id: 'start', title: 'Start', questions: [] },
      {
        index: 1,
        id: 'course',
        title: 'The course',
        help: 'Answer for this term.',
        questions: all,
      },
    ],
  };
}

const SURVEY = survey();
const PAGE = SURVEY.pages[1];
assert.ok(PAGE);

/** The filled-in page: stored answers of every question, as Back shows them. */
function storedValues(): FormFields {
  const given: [string, unknown, string | null][] = [
    ['name', 'Ada', null],
    ['intro', null, null],
    ['topics', { ids: ['Testing'], other: 'Git' }, 'More please'],
    [
      'teaching',
      [
        { row: 'Lectures', column: 'Good' },
        { row: 'Labs', column: 'Fair' },
      ],
      null,
    ],
    ['rooms', null, null],
    ['stars', 4, null],
    ['hours', 6, null],
    [
      'order',
      [
        { id: 'Mentoring', rank: 1 },
        { id: 'Exercises', rank: 2 },
      ],
      null,
    ],
    ['when', '2026-09-01', null],
    ['ok', true, null],
  ];
  const stored = new Map(
    given.map(([, value, comment], i) => [
      i,
      toStoredValues(SURVEY.questions[i] as Question, { value, comment } as never),
    ]),
  );
  return storedFormValues(SURVEY, PAGE?.questions ?? [], stored);
}

const base: PathPageInput = {
  survey: SURVEY,
  page: PAGE,
  asked: PAGE.questions,
  csrf: 'token',
  responseId: 3,
  revision: 2,
  back: '/surveys/course/questions/0',
  progress: { done: 1, total: 2 },
  last: true,
  today: TODAY,
};

const VARIANTS: Record<string, PathPageInput> = {
  plain: base,
  errors: {
    ...base,
    errors: {
      name: 'Please answer this question.',
      'topics.other': 'Please say what "Other" is.',
      'teaching.Labs': 'Please rate Labs.',
      hours: 'Please enter a number from 0 to 80.',
      'order.Exercises': 'Please give each rank once.',
      ok: 'Please tick the box to go on.',
    },
    values: { topics: ['Testing', '_other'], 'teaching.Lectures': 'Good', hours: '81' },
  },
  filled: { ...base, values: storedValues() },
};

describe('accessibility of a page of several questions', { skip: chromiumSkip }, () => {
  let app: FastifyInstance;
  let url = '';
  let browser: Browser;

  before(async () => {
    app = Fastify();
    app.get(stylesheet.path, (_request, reply) =>
      reply.type(stylesheet.contentType).send(stylesheet.body),
    );
    app.get<{ Params: { variant: string } }>('/page/:variant', (request, reply) => {
      const input = VARIANTS[request.params.variant];
      if (input === undefined) return reply.code(404).send('no such variant');
      return reply
        .type('text/html; charset=utf-8')
        .send(pathDocument(input, { notices: [], stylesheet: stylesheet.path }));
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await app.close();
  });

  for (const variant of Object.keys(VARIANTS)) {
    test(`the ${variant} page has no WCAG 2.1 AA violations, light or dark, phone or desktop`, async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const response = await page.goto(`${url}/page/${variant}`);
        assert.equal(response?.status(), 200);
        await assertAccessible(page);
      } finally {
        await context.close();
      }
    });
  }

  test('the keyboard reaches Back just before the Finish button', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${url}/page/plain`);
      await page.locator('a[rel="prev"]').focus();
      assert.ok(await focusIs(page, 'a[rel="prev"]'));
      await page.keyboard.press('Tab');
      assert.ok(await focusIs(page, 'button[type="submit"]'));
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${url}/surveys/course/questions/0`);
    } finally {
      await context.close();
    }
  });
});
