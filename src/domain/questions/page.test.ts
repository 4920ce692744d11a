import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TODAY } from './fixtures.test.js';
import { parsePage, storedFormValues, type PageLayout } from './page.js';
import { parseQuestionsSurvey } from './problems.js';
import type { Question } from './registry.js';
import { toStoredValues } from './stored.js';
import { messages } from '../../i18n/index.js';

/** Questions of every kind on one survey, two grids and two multis among them. */
function questionsOf(specs: readonly Record<string, unknown>[]): readonly Question[] {
  const result = parseQuestionsSurvey({ title: 'T', questions: specs });
  if (!result.ok) assert.fail(result.problems.map((p) => p.message).join('; '));
  return result.survey.questions;
}

const questions = questionsOf([
  {
    id: 'pick',
    type: 'choice',
    text: 'Q',
    choices: ['A', 'B', { id: 'c', text: 'C' }],
    other: true,
    allowText: true,
  },
  { id: 'drop', type: 'dropdown', text: 'Q', choices: ['A', 'B'], other: true },
  { id: 'yn', type: 'yesno', text: 'Q', required: false },
  {
    id: 'topics',
    type: 'multi',
    text: 'Q',
    choices: ['A', 'B', { id: 'none', text: 'None', exclusive: true }],
    other: true,
  },
  {
    id: 'tools',
    type: 'multi',
    text: 'Q',
    choices: ['A', 'B', 'C'],
    required: false,
    allowText: 'Why?',
  },
  { id: 'name', type: 'text', text: 'Q' },
  { id: 'story', type: 'longtext', text: 'Q', required: false },
  { id: 'mail', type: 'email', text: 'Q' },
  { id: 'hours', type: 'number', text: 'Q' },
  { id: 'born', type: 'date', text: 'Q', max: 'today' },
  { id: 'stars', type: 'rating', text: 'Q', scale: 7 },
  { id: 'nps', type: 'nps', text: 'Q' },
  { id: 'agree', type: 'grid', text: 'Q', rows: ['r1', 'r2'], columns: ['x', 'y'] },
  {
    id: 'rate',
    type: 'grid',
    text: 'Q',
    rows: ['r1', 'r2'],
    columns: ['x', { id: 'z', text: 'Z', value: 3 }],
    required: false,
  },
  { id: 'order', type: 'ranking', text: 'Q', choices: ['A', 'B', 'C'] },
  { id: 'ok', type: 'consent', text: 'Q' },
  { id: 'note', type: 'statement', text: 'Q' },
]);

const words = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter((s) => /\S/.test(s) && !s.includes('\u0000'));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

/** Valid values of each question above (`null`: left out, where the question is optional). */
const values: Record<string, fc.Arbitrary<unknown>> = {
  pick: fc.oneof(
    fc.constantFrom('A', 'B', 'c').map((id) => ({ kind: 'choice', id })),
    words.map((text) => ({ kind: 'other', text })),
  ),
  drop: fc.constantFrom('A', 'B').map((id) => ({ kind: 'choice', id })),
  yn: optional(fc.constantFrom('yes', 'no')),
  topics: fc.oneof(
    fc.constant({ ids: ['none'] }),
    fc.subarray(['A', 'B'], { minLength: 1 }).map((ids) => ({ ids })),
    fc.tuple(fc.subarray(['A', 'B']), words).map(([ids, other]) => ({ ids, other })),
  ),
  tools: optional(fc.subarray(['A', 'B', 'C'], { minLength: 1 }).map((ids) => ({ ids }))),
  name: words,
  story: optional(words),
  mail: fc.stringMatching(/^[a-z0-9._+-]{1,12}@[a-z0-9]{1,12}\.[a-z]{2,6}$/),
  hours: fc
    .double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 })
    .filter((n) => !Object.is(n, -0)),
  born: fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date(`${TODAY}T00:00:00Z`),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  stars: fc.integer({ min: 1, max: 7 }),
  nps: fc.integer({ min: 0, max: 10 }),
  agree: fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('x', 'y')).map(([a, b]) => [
    { row: 'r1', column: a },
    { row: 'r2', column: b },
  ]),
  rate: optional(
    fc.tuple(fc.constantFrom('x', 'z'), fc.constantFrom('x', 'z')).map(([a, b]) => [
      { row: 'r1', column: a },
      { row: 'r2', column: b },
    ]),
  ),
  order: fc
    .shuffledSubarray(['A', 'B', 'C'], { minLength: 3 })
    .map((ids) => ids.map((id, i) => ({ id, rank: i + 1 }))),
  ok: fc.constant(true),
  note: fc.constant(null),
};

/** One answer of every question: a value and, where a comment box is offered, maybe a comment. */
const answersArb = fc.tuple(
  ...questions.map((q) =>
    fc
      .record({
        value: values[q.id] ?? fc.constant(null),
        comment: 'allowText' in q && q.allowText !== false ? optional(words) : fc.constant(null),
      })
      .map((answer) => ({ ...answer })),
  ),
);

const today = () => TODAY;

/** Each layout's pages: every question on one page, or one question a page. */
const pagesOf: Record<PageLayout, readonly (readonly number[])[]> = {
  pages: [questions.map((_, i) => i)],
  questions: questions.map((_, i) => [i]),
};

for (const layout of ['pages', 'questions'] as const) {
  test(`stored answers open their page filled in with the same answers (${layout}, property)`, () => {
    const survey = { questions, layout };
    fc.assert(
      fc.property(answersArb, (given) => {
        const stored = new Map(
          given.map((answer, i) => [i, toStoredValues(questions[i] as Question, answer as never)]),
        );
        for (const asked of pagesOf[layout]) {
          const form = storedFormValues(survey, asked, stored);
          const onPage = asked.map((i) => questions[i] as Question);
          const parsed = parsePage(form, onPage, layout, today, messages('en'));
          if (parsed.kind === 'invalid') assert.fail(JSON.stringify(parsed.errors));
          asked.forEach((index, position) => {
            assert.deepEqual(parsed.answers.get(position)?.answer, given[index]);
            assert.deepEqual(parsed.answers.get(position)?.stored, stored.get(index));
          });
        }
      }),
      { numRuns: 150 },
    );
  });
}

test('a page of several questions reports every question’s errors at once, keeping every value', () => {
  const onPage = [0, 3, 12, 13, 5].map((i) => questions[i] as Question);
  const form = {
    _csrf: 'token',
    revision: '3',
    pick: 'A',
    'pick.comment': 'fine',
    topics: ['none', 'A'],
    'agree.r1': 'x',
    'rate.r1': 'q',
    name: '',
  };
  const parsed = parsePage(form, onPage, 'pages', today, messages('en'));
  if (parsed.kind === 'valid') assert.fail('the page was accepted');
  assert.deepEqual(Object.keys(parsed.errors), ['topics', 'agree.r2', 'rate.r1', 'name']);
  const { _csrf: _token, revision: _revision, ...own } = form;
  assert.deepEqual(parsed.values, own);
});

test('two grids and two multis on one page each read their own prefixed fields', () => {
  const onPage = [3, 4, 12, 13].map((i) => questions[i] as Question);
  const parsed = parsePage(
    {
      topics: ['B', '_other'],
      'topics.other': 'Chess',
      tools: ['A', 'C'],
      'tools.comment': 'because',
      'agree.r1': 'y',
      'agree.r2': 'x',
      'rate.r1': 'z',
      'rate.r2': 'x',
    },
    onPage,
    'pages',
    today,
    messages('en'),
  );
  if (parsed.kind === 'invalid') assert.fail(JSON.stringify(parsed.errors));
  assert.deepEqual(
    [...parsed.answers.values()].map((a) => a.answer),
    [
      { value: { ids: ['B'], other: 'Chess' }, comment: null },
      { value: { ids: ['A', 'C'] }, comment: 'because' },
      {
        value: [
          { row: 'r1', column: 'y' },
          { row: 'r2', column: 'x' },
        ],
        comment: null,
      },
      {
        value: [
          { row: 'r1', column: 'z' },
          { row: 'r2', column: 'x' },
        ],
        comment: null,
      },
    ],
  );
});

test('a one-question page reads today’s field names, and a question without a stored answer adds none', () => {
  const pick = questions[0] as Question;
  const parsed = parsePage(
    { answer: 'c', comment: 'hm' },
    [pick],
    'questions',
    today,
    messages('en'),
  );
  if (parsed.kind === 'invalid') assert.fail(JSON.stringify(parsed.errors));
  assert.deepEqual(parsed.answers.get(0)?.stored, { answer: 'c', comment: 'hm' });
  const survey = { questions, layout: 'questions' as const };
  assert.deepEqual(storedFormValues(survey, [0], new Map()), {});
  assert.deepEqual(
    storedFormValues(survey, [0], new Map([[0, { answer: '', comment: null, other: 'Tea' }]])),
    { answer: '_other', other: 'Tea' },
  );
});
