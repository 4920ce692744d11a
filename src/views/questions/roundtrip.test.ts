/**
 * The page shows what the kind reads: a value formatted into form fields (what Back or a 422
 * fills in), rendered, and posted back the way a browser posts the page, parses to the same
 * value — on a one-question page and on a `pages:` page alike, shuffled or not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  kindOf,
  parseAnswer,
  prefixedNames,
  singleQuestionNames,
  type Kind,
  type Question,
  type QuestionOf,
  type ValueOf,
} from '../../domain/questions/index.js';
import { context, posted, question } from './fixtures.test.js';
import { renderQuestion } from './index.js';
import { messages } from '../../i18n/index.js';

const TODAY = '2026-12-02';

/** Per kind, questions and values to carry through the page (a new kind must add its own). */
const cases: { [K in Kind]: { readonly qs: QuestionOf<K>[]; readonly values: ValueOf<K>[] } } = {
  choice: {
    qs: [
      question('choice', { choices: ['A', { id: 'b', text: 'B <b>' }], other: true }),
      question('choice', {
        choices: ['A', { id: 'b', text: 'B' }, '_other'],
        other: 'Else',
        shuffle: true,
      }),
    ],
    values: [
      { kind: 'choice', id: 'A' },
      { kind: 'choice', id: 'b' },
      { kind: 'other', text: 'Something "else" & <more>' },
    ],
  },
  dropdown: {
    qs: [question('dropdown', { choices: ['A', { id: 'b', text: 'B' }], other: true })],
    values: [
      { kind: 'choice', id: 'b' },
      { kind: 'other', text: 'mine' },
    ],
  },
  yesno: { qs: [question('yesno')], values: ['yes', 'no'] },
  multi: {
    qs: [
      question('multi', {
        choices: ['A', 'B & C', { id: 'none', text: 'None', exclusive: true }],
        other: true,
      }),
      question('multi', {
        choices: ['A', 'B & C', { id: 'none', text: 'None', exclusive: true }],
        other: true,
        shuffle: true,
      }),
    ],
    values: [
      { ids: ['none'] },
      { ids: ['A', 'B & C'] },
      { ids: ['A'], other: 'x' },
      { ids: [], other: 'only' },
    ],
  },
  text: {
    qs: [question('text'), question('text', { max: 20, min: 2 })],
    values: ['hello', 'שלום <x> & "y"'],
  },
  longtext: {
    qs: [question('longtext')],
    values: ['one\ntwo\n\nthree', '  spaced  ', '\nbegins with a line break'],
  },
  email: { qs: [question('email')], values: ['name@example.com'] },
  number: {
    qs: [question('number'), question('number', { min: -5, max: 5, unit: 'kg' })],
    values: [0, -2.5, 3, 1e-7],
  },
  date: {
    qs: [question('date'), question('date', { min: '2020-01-01', max: 'today' })],
    values: ['2024-02-29', TODAY],
  },
  rating: {
    qs: [
      question('rating'),
      question('rating', { scale: 10, labels: { low: 'Bad', high: 'Good' } }),
    ],
    values: [1, 3, 5],
  },
  nps: { qs: [question('nps', { labels: { low: 'Never', high: 'Surely' } })], values: [0, 6, 10] },
  grid: {
    qs: [
      question('grid', {
        rows: ['Price & value', { id: 'speed', text: 'Speed' }],
        columns: ['Bad', 'Good'],
        required: false,
      }),
      question('grid', {
        rows: ['r1', 'r2', 'r3'],
        columns: ['c1', { id: 'c2', text: 'C2', value: 2 }],
        shuffle: true,
        required: false,
      }),
    ],
    values: [],
  },
  ranking: {
    qs: [
      question('ranking', { choices: ['A', 'B', 'C'], required: false }),
      question('ranking', { choices: ['A', 'B', 'C'], top: 2, shuffle: true, required: false }),
    ],
    values: [
      [
        { id: 'B', rank: 1 },
        { id: 'A', rank: 2 },
      ],
    ],
  },
  consent: { qs: [question('consent'), question('consent', { label: 'I agree' })], values: [true] },
  statement: { qs: [question('statement')], values: [] },
};

/** Grid values depend on each grid's rows and columns. */
function gridValues(q: QuestionOf<'grid'>): ValueOf<'grid'>[] {
  const [first, ...rest] = q.rows;
  const columns = q.columns.map((c) => c.id);
  return [
    q.rows.map((r, i) => ({ row: r.id, column: columns[i % columns.length] ?? '' })),
    first === undefined || rest.length === 0
      ? []
      : [{ row: first.id, column: columns.at(-1) ?? '' }],
  ].filter((v) => v.length > 0);
}

function roundTrip(q: Question, value: unknown, id: number): void {
  for (const names of [singleQuestionNames, prefixedNames('q9')]) {
    const fields = kindOf(q).format(value as never, q, names);
    const ctx = context({ values: fields, responseId: id, today: TODAY }, names);
    const form = posted(renderQuestion(q, ctx).value);
    const parsed = parseAnswer(form, q, { names, today: () => TODAY, m: messages('en') });
    assert.equal(
      parsed.kind,
      'answer',
      `${q.type}: ${JSON.stringify(parsed)} from ${JSON.stringify(form)}`,
    );
    assert.deepEqual(parsed.answer.value, value);
  }
}

for (const kind of Object.keys(cases) as Kind[]) {
  test(`an answer to a question of kind ${kind}, shown again on the page, is posted back as the same value`, () => {
    const { qs, values } = cases[kind];
    for (const q of qs as Question[]) {
      const all = q.type === 'grid' ? gridValues(q) : (values as unknown[]);
      for (const [i, value] of all.entries()) roundTrip(q, value, i * 7919);
    }
  });
}

test('a blank page posts no answer for every kind that may be left unanswered', () => {
  for (const kind of Object.keys(cases) as Kind[]) {
    for (const q of cases[kind].qs as Question[]) {
      const optional = q.type === 'statement' ? q : { ...q, required: false };
      const form = posted(renderQuestion(optional, context()).value);
      const parsed = parseAnswer(form, optional, {
        names: singleQuestionNames,
        today: () => TODAY,
        m: messages('en'),
      });
      assert.equal(parsed.kind, 'answer', `${kind}: ${JSON.stringify(form)}`);
      assert.equal(parsed.answer.value, null, kind);
    }
  }
});

test('a comment shown again is posted back as typed, with its own field name', () => {
  const comment = '\nBecause <b>it</b> & "that"\nsecond line';
  for (const names of [singleQuestionNames, prefixedNames('q2')]) {
    const q = question('rating', { allowText: 'Why?' });
    const ctx = context({ values: { [names.answer]: '4', [names.comment]: comment } }, names);
    const parsed = parseAnswer(posted(renderQuestion(q, ctx).value), q, {
      names,
      today: () => TODAY,
      m: messages('en'),
    });
    assert.deepEqual(parsed, { kind: 'answer', answer: { value: 4, comment } });
  }
});
