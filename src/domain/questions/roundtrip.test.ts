/**
 * Properties over every kind: a valid value survives the form (format → parse) and storage
 * (toRows → fromRows) unchanged, on a one-question page and on a `pages:` page alike.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { prefixedNames, singleQuestionNames } from './form.js';
import { kindOf, type Kind, type Question } from './registry.js';
import { question, TODAY } from './fixtures.test.js';
import { messages } from '../../i18n/index.js';

const words = fc
  .string({ minLength: 1, maxLength: 40 })
  .filter((s) => /\S/.test(s) && !s.includes('\u0000'));

/** A question of each kind and values valid for it. */
const cases: { [K in Kind]: { q: Question; value: fc.Arbitrary<unknown> } } = {
  choice: {
    q: question('choice', { choices: ['A', 'B', { id: 'c', text: 'C' }], other: true }),
    value: fc.oneof(
      fc.constantFrom('A', 'B', 'c').map((id) => ({ kind: 'choice', id })),
      words.map((text) => ({ kind: 'other', text })),
    ),
  },
  dropdown: {
    q: question('dropdown', { choices: ['A', 'B'] }),
    value: fc.constantFrom('A', 'B').map((id) => ({ kind: 'choice', id })),
  },
  yesno: { q: question('yesno'), value: fc.constantFrom('yes', 'no') },
  multi: {
    q: question('multi', {
      choices: ['A', 'B', 'C', { id: 'none', text: 'None', exclusive: true }],
      other: true,
    }),
    value: fc.oneof(
      fc.constant({ ids: ['none'] }),
      fc
        .subarray(['A', 'B', 'C'], { minLength: 1 })
        .chain((ids) =>
          fc
            .option(words, { nil: undefined })
            .map((other) => (other === undefined ? { ids } : { ids, other })),
        ),
    ),
  },
  text: { q: question('text'), value: words },
  longtext: { q: question('longtext'), value: words },
  email: {
    q: question('email'),
    value: fc.stringMatching(/^[a-z0-9._+-]{1,12}@[a-z0-9]{1,12}\.[a-z]{2,6}$/),
  },
  number: {
    q: question('number'),
    value: fc
      .double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })
      .filter((n) => !Object.is(n, -0)),
  },
  date: {
    q: question('date', { max: 'today' }),
    value: fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date(`${TODAY}T00:00:00Z`),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  rating: { q: question('rating', { scale: 7 }), value: fc.integer({ min: 1, max: 7 }) },
  nps: { q: question('nps'), value: fc.integer({ min: 0, max: 10 }) },
  grid: {
    q: question('grid', {
      rows: ['r1', 'r2', 'r3'],
      columns: ['x', 'y', { id: 'z', text: 'Z', value: 3 }],
    }),
    value: fc
      .tuple(
        fc.constantFrom('x', 'y', 'z'),
        fc.constantFrom('x', 'y', 'z'),
        fc.constantFrom('x', 'y', 'z'),
      )
      .map((cols) => cols.map((column, i) => ({ row: `r${i + 1}`, column }))),
  },
  ranking: {
    q: question('ranking', { choices: ['A', 'B', 'C', 'D'] }),
    value: fc
      .shuffledSubarray(['A', 'B', 'C', 'D'], { minLength: 4 })
      .map((ids) => ids.map((id, i) => ({ id, rank: i + 1 }))),
  },
  consent: { q: question('consent'), value: fc.constant(true) },
  statement: { q: question('statement'), value: fc.constant(null) },
};

for (const [type, { q, value }] of Object.entries(cases)) {
  test(`a ${type} value survives the form and storage (property)`, () => {
    const kind = kindOf(q);
    fc.assert(
      fc.property(value, fc.boolean(), (v, prefixed) => {
        if (!kind.answerable) return;
        const names = prefixed ? prefixedNames(q.id) : singleQuestionNames;
        const form = kind.format(v as never, q, names);
        const parsed = kind.parse(form, q, { names, today: () => TODAY, m: messages('en') });
        assert.deepEqual(parsed, { ok: true, value: v });
        assert.deepEqual(kind.fromRows(kind.toRows(v as never, q), q), v);
      }),
      { numRuns: 200 },
    );
  });
}
