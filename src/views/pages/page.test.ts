import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  loadSurveyDirectory,
  parsePage,
  parseQuestionsSurvey,
  storedFormValues,
  toStoredValues,
  type PageLayout,
  type Question,
  type SurveyPage,
} from '../../domain/index.js';
import { renderDocument, type DocumentOptions } from '../layout.js';
import { elements, ids, posted } from '../questions/fixtures.test.js';
import { pathDocument, pathPage, type PathPageInput, type PathSurvey } from './page.js';
import { messages } from '../../i18n/index.js';

const TODAY = '2026-12-02';

/** A survey of `layout` over these questions: one page of all of them, or one page each. */
function pathSurvey(layout: PageLayout, questions: readonly Record<string, unknown>[]): PathSurvey {
  const parsed = parseQuestionsSurvey({ title: 'Trip <survey>', questions });
  if (!parsed.ok) assert.fail(parsed.problems.map((p) => p.message).join('; '));
  const all = parsed.survey.questions;
  const pages =
    layout === 'pages'
      ? [
          { index: 0, id: 'intro', title: 'About you', questions: [0] },
          {
            index: 1,
            id: 'trip',
            title: 'Your trip',
            help: 'Tell us about the trip & the hotel.',
            questions: all.slice(1).map((_, i) => i + 1),
          },
        ]
      : all.map((q, index) => ({ index, id: q.id, questions: [index] }));
  return { ...parsed.survey, slug: 'trip', layout, allowBack: true, pages };
}

const QUESTIONS = [
  { id: 'who', type: 'text', text: 'Your name' },
  {
    id: 'hotel',
    type: 'grid',
    text: 'Rate the hotel',
    rows: ['Room', 'Food'],
    columns: ['Good', 'Bad'],
  },
  {
    id: 'sights',
    type: 'multi',
    text: 'What did you see?',
    choices: ['Museum', 'Park'],
    other: true,
    allowText: true,
  },
  {
    id: 'flight',
    type: 'grid',
    text: 'Rate the flight',
    rows: ['Seat', 'Food'],
    columns: ['Good', 'Bad'],
  },
  { id: 'again', type: 'choice', text: 'Go again?', allowText: true },
];

const pages = pathSurvey('pages', QUESTIONS);
const questions = pathSurvey('questions', QUESTIONS);

function input(
  survey: PathSurvey,
  index: number,
  extra: Partial<PathPageInput> = {},
): PathPageInput {
  const page = survey.pages[index];
  assert.ok(page);
  return {
    survey,
    page,
    asked: page.questions,
    csrf: 'tok',
    responseId: 7,
    revision: 4,
    progress: { done: index, total: survey.pages.length },
    last: index === survey.pages.length - 1,
    today: TODAY,
    ...extra,
  };
}

const body = (i: PathPageInput) => pathPage(i).body.value;
const names = (markup: string, tag = 'input') =>
  [...new Set(elements(markup, tag).map((a) => a.get('name')))].filter((n) => n !== undefined);

test('a page of a pages: file has its title as h1, its help, each question as h2, prefixed names', () => {
  const markup = body(input(pages, 1));
  assert.deepEqual(
    [...markup.matchAll(/<(h[12])[^>]*>(.*?)<\/\1>/g)].map((m) => `${m[1]} ${m[2]}`),
    [
      'h1 Your trip',
      'h2 Rate the hotel',
      'h2 What did you see?',
      'h2 Rate the flight',
      'h2 Go again?',
    ],
  );
  assert.match(
    markup,
    /<h1>Your trip<\/h1>\n<p class="instructions">Tell us about the trip &amp; the hotel.<\/p>/,
  );
  assert.match(markup, /<p class="survey-name">Trip &lt;survey&gt;<\/p>/);
  assert.deepEqual(names(markup), [
    '_csrf',
    'revision',
    'hotel.Room',
    'hotel.Food',
    'sights',
    'sights.other',
    'flight.Seat',
    'flight.Food',
    'again',
  ]);
  assert.deepEqual(names(markup, 'textarea'), ['sights.comment', 'again.comment']);
  assert.match(markup, /action="\/surveys\/trip\/questions\/1"/);
  const all = ids(markup);
  assert.deepEqual(all, [...new Set(all)], 'every id on the page is unique');
});

test('a pages: page without a title is headed by the survey title, named once', () => {
  const page = { index: 1, id: 'trip', questions: [1, 2] };
  const markup = body({ ...input(pages, 1), page, asked: page.questions });
  assert.match(markup, /<h1>Trip &lt;survey&gt;<\/h1>/);
  assert.doesNotMatch(markup, /survey-name/);
  assert.doesNotMatch(markup, /instructions/);
});

test('a page of a questions: file looks like today’s question page: the question is the h1', () => {
  const i = input(questions, 2, { progress: { done: 2, total: 5 } });
  const markup = body(i);
  assert.match(markup, /<legend><h1>What did you see\?<\/h1><\/legend>/);
  assert.doesNotMatch(markup, /<h2/);
  assert.deepEqual(names(markup), ['_csrf', 'revision', 'answer', 'other']);
  assert.deepEqual(names(markup, 'textarea'), ['comment']);
  assert.match(
    markup,
    /<p id="progress-label">Question 3 of 5<\/p>\n<progress aria-labelledby="progress-label" value="2" max="5">2 of 5 answered<\/progress>/,
  );
  assert.equal(pathPage(i).title, 'Question 3 of 5 · Trip <survey>');
});

test('progress counts pages on the path; a page opened under Back shows its own place', () => {
  const markup = body(input(pages, 0, { position: 1, progress: { done: 1, total: 2 } }));
  assert.match(
    markup,
    /Page 1 of 2<\/p>\n<progress aria-labelledby="progress-label" value="1" max="2">1 of 2 answered/,
  );
});

test('the revision rides next to the CSRF token', () => {
  assert.match(
    body(input(pages, 1)),
    /<input type="hidden" name="_csrf" value="tok">\n<input type="hidden" name="revision" value="4">/,
  );
});

test('the Back link, when given, is a real link before the button; none otherwise', () => {
  const withBack = body(input(pages, 1, { back: '/surveys/trip/questions/0' }));
  assert.match(
    withBack,
    /<div class="actions">\n<a rel="prev" href="\/surveys\/trip\/questions\/0" class="button button-secondary">Back<\/a>\n<button type="submit" class="button button-primary">Finish<\/button>\n<\/div>\n<\/form>/,
  );
  const without = body(input(pages, 0));
  assert.doesNotMatch(without, /rel="prev"|>Back</);
  assert.match(
    without,
    /<div class="actions">\n<button type="submit" class="button button-primary">Next<\/button>\n<\/div>/,
  );
});

test('errors of two questions at once: summary in field order, each beside its field', () => {
  const i = input(pages, 1, {
    errors: {
      'flight.Food': 'Please rate Food.',
      'hotel.Room': 'Please rate Room.',
      sights: 'Choose one',
    },
    values: { 'hotel.Food': 'Bad' },
  });
  const markup = body(i);
  const summary = /<div class="error-summary"[^]*?<\/div>/.exec(markup)?.[0] ?? '';
  assert.deepEqual(
    [...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`),
    ['hotel.Room-0 Please rate Room.', 'sights-0 Choose one', 'flight.Food-0 Please rate Food.'],
  );
  assert.match(markup, /<p id="hotel.Room-error" class="field-error">Please rate Room.<\/p>/);
  assert.match(markup, /<p id="flight.Food-error" class="field-error">Please rate Food.<\/p>/);
  assert.match(markup, /name="hotel.Food" value="Bad" checked/);
  assert.ok(pathPage(i).title.startsWith('Error: Page 2 of 2 · '));
});

test('a page filled in from stored answers posts those same answers back (both layouts)', () => {
  for (const survey of [pages, questions]) {
    const given = new Map<number, { value: unknown; comment: string | null }>([
      [
        1,
        {
          value: [
            { row: 'Room', column: 'Good' },
            { row: 'Food', column: 'Bad' },
          ],
          comment: null,
        },
      ],
      [2, { value: { ids: ['Park'], other: 'The <old> town' }, comment: 'Lovely & sunny' }],
      [
        3,
        {
          value: [
            { row: 'Seat', column: 'Bad' },
            { row: 'Food', column: 'Bad' },
          ],
          comment: null,
        },
      ],
      [4, { value: { kind: 'choice', id: 'No' }, comment: null }],
    ]);
    const stored = new Map(
      [...given].map(([i, a]) => [i, toStoredValues(survey.questions[i] as Question, a as never)]),
    );
    const pageIndices = survey.layout === 'pages' ? [1] : [1, 2, 3, 4];
    for (const p of pageIndices) {
      const asked = survey.pages[p]?.questions ?? [];
      const values = storedFormValues(survey, asked, stored);
      const markup = body(input(survey, p, { values }));
      const onPage = asked.map((i) => survey.questions[i] as Question);
      const parsed = parsePage(posted(markup), onPage, survey.layout, () => TODAY, messages('en'));
      if (parsed.kind === 'invalid') assert.fail(JSON.stringify(parsed.errors));
      assert.deepEqual(
        [...parsed.answers.values()].map((a) => a.answer),
        asked.map((i) => given.get(i)),
      );
    }
  }
});

test('piped texts replace a question’s text and help, escaped', () => {
  const texts = new Map([[2, { text: 'What did you see in <Rome>?', help: 'Pick all' }]]);
  const markup = body(input(pages, 1, { texts }));
  assert.match(markup, /<h2>What did you see in &lt;Rome&gt;\?<\/h2>/);
  assert.match(markup, /<p id="sights-help" class="hint">Pick all<\/p>/);
  assert.match(markup, /<h2 id="hotel-title">Rate the hotel<\/h2>/);
});

test('the document is the page in the layout, in UTF-8', () => {
  const doc = pathDocument(input(pages, 1), {
    notices: [],
    stylesheet: '/static/c.css',
  }).toString();
  assert.match(doc, /^<!doctype html>/);
  assert.match(doc, /<title>Page 2 of 2 · Trip &lt;survey&gt; · Canvass<\/title>/);
});

/** What the uncached page is, in UTF-8: the reference the cached one must equal byte for byte. */
const rendered = (i: PathPageInput, options: DocumentOptions) =>
  Buffer.from(renderDocument(pathPage(i), options));
const plain: DocumentOptions = { notices: [], stylesheet: '/static/c.css' };
const { surveys: samples } = await loadSurveyDirectory(
  fileURLToPath(new URL('../../../surveys', import.meta.url)),
);

test('a cached path page is the rendered one, for any page, place on the path, token and revision', () => {
  const surveys = [pages, questions, ...samples.map((s) => ({ ...s, allowBack: true }))];
  fc.assert(
    fc.property(
      fc.constantFrom(...surveys),
      fc.nat(),
      fc.record({
        // Canvass's own tokens (base64url, copied as they are) and any other text (escaped).
        csrf: fc.oneof(fc.stringMatching(/^[\w-]{0,40}$/), fc.string({ maxLength: 40 })),
        revision: fc.nat(),
        responseId: fc.nat(),
        done: fc.nat(5),
        total: fc.integer({ min: 1, max: 6 }),
        last: fc.boolean(),
        back: fc.boolean(),
        resume: fc.boolean(),
        drop: fc.boolean(),
      }),
      (base, n, r) => {
        const survey = { ...base, allowResume: r.resume };
        const index = n % survey.pages.length;
        const page = survey.pages[index];
        assert.ok(page);
        const i = input(survey, index, {
          csrf: r.csrf,
          revision: r.revision,
          responseId: r.responseId,
          progress: { done: r.done, total: r.total },
          last: r.last,
          // A page whose first question's showIf failed asks the others only.
          asked: r.drop && page.questions.length > 1 ? page.questions.slice(1) : page.questions,
          ...(r.back ? { back: `/surveys/${survey.slug}/questions/${index}` } : {}),
        });
        // Twice: the first call fills the cache, the second reads it.
        assert.deepEqual(pathDocument(i, plain), rendered(i, plain));
        assert.deepEqual(pathDocument(i, plain), rendered(i, plain));
      },
    ),
    { numRuns: process.env.CI ? 1000 : 300 },
  );
});

test('a path page with values, errors, notices, piped text or a shuffled order is rendered, not cached', () => {
  const shuffled = pathSurvey('pages', [
    QUESTIONS[0] ?? {},
    { id: 'pick', type: 'choice', text: 'Pick', choices: ['a', 'b', 'c'], shuffle: true },
  ]);
  const texts = new Map([[2, { text: 'What did you see in <Rome>?', help: 'Pick all' }]]);
  const notice = { ...plain, notices: [{ category: 'info', message: 'Saved <b>' }] };
  const cases: [PathPageInput, DocumentOptions][] = [
    [input(pages, 1, { values: { who: 'Ann' } }), plain],
    [input(pages, 1, { errors: { 'hotel.Room': 'Choose one' } }), plain],
    [input(pages, 1), notice],
    [input(pages, 1, { texts }), plain],
    [input(pages, 1, { page: { ...(pages.pages[1] as SurveyPage), title: 'Piped' } }), plain],
    ...[1, 2, 3].map((responseId): [PathPageInput, DocumentOptions] => [
      input(shuffled, 1, { responseId }),
      plain,
    ]),
  ];
  for (const [i, options] of cases) {
    // Each after a plain render of the same page, which fills the cache.
    pathDocument(input(i.survey, i.page.index), options);
    assert.deepEqual(pathDocument(i, options), rendered(i, options));
  }
});

test('a survey whose text holds a marker is rendered, not cut in the wrong place', () => {
  const odd = pathSurvey('pages', [
    { id: 'odd', type: 'text', text: 'Odd \u0000csrf\u0000 text' },
    ...QUESTIONS.slice(1),
  ]);
  const i = input(odd, 0, { csrf: 'token' });
  assert.deepEqual(pathDocument(i, plain), rendered(i, plain));
  assert.ok(pathDocument(i, plain).toString().includes('value="token"'));
});
