import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, valueOf } from './fixtures.test.js';

const { multi } = kindMap;
const q = question('multi', {
  choices: ['A', 'B', 'C', { id: 'none', text: 'None of these', exclusive: true }],
  min: 2,
  max: 3,
  other: true,
});

test('a multi question takes each ticked choice, in the survey order', () => {
  assert.deepEqual(valueOf(q, { answer: ['C', 'A'] }), { ids: ['A', 'C'] });
  assert.deepEqual(valueOf(q, { answer: ['A', '_other'], other: 'D' }), { ids: ['A'], other: 'D' });
});

test('an exclusive choice is valid only alone, and alone it satisfies min', () => {
  assert.deepEqual(valueOf(q, { answer: 'none' }), { ids: ['none'] });
  assert.deepEqual(errorsOf(q, { answer: ['none', 'A'] }), {
    answer: '"None of these" cannot be chosen together with other answers.',
  });
});

test('a multi question checks min, max, required, unknown choices and the Other text', () => {
  assert.deepEqual(errorsOf(q, {}), { answer: 'Please choose at least one answer.' });
  assert.deepEqual(errorsOf(q, { answer: 'A' }), { answer: 'Please choose at least 2 answers.' });
  assert.deepEqual(errorsOf(q, { answer: ['A', 'B', 'C', '_other'], other: 'x' }), {
    answer: 'Please choose at most 3 answers.',
  });
  assert.deepEqual(errorsOf(q, { answer: ['A', 'Z'] }), {
    answer: 'Please choose only from the listed answers.',
  });
  assert.deepEqual(errorsOf(q, { answer: ['A', '_other'] }), {
    other: 'Please say what "Other" is.',
  });
  assert.equal(valueOf(question('multi', { choices: ['A'], required: false }), {}), null);
});

test('a multi answer is one row per ticked choice, and exports a 1/0 column per choice', () => {
  const value = { ids: ['A', 'none'], other: 'D' };
  assert.deepEqual(multi.toRows(value, q), [
    { role: 'answer', item: null, value: 'A', num: null },
    { role: 'answer', item: null, value: 'none', num: null },
    { role: 'other', item: null, value: 'D', num: null },
  ]);
  assert.deepEqual(multi.fromRows(multi.toRows(value, q), q), value);
  assert.deepEqual(multi.exportColumns(q), [
    'Q [A]',
    'Q [B]',
    'Q [C]',
    'Q [None of these]',
    'Q (other)',
  ]);
  assert.deepEqual(multi.exportCells(value, q), [1, 0, 0, 1, 'D']);
  assert.deepEqual(multi.exportCells(null, q), [0, 0, 0, 0, '']);
  assert.deepEqual(multi.exportCells(undefined, q), ['', '', '', '', '']);
  assert.deepEqual(multi.exportJson(value, q), {
    answer: ['A', 'None of these', 'Other'],
    other: 'D',
  });
});

test('a multi summary gives percent of respondents, which may total more than 100', () => {
  const s = multi.summarise(
    [multi.toRows({ ids: ['A', 'B'] }, q), multi.toRows({ ids: ['A'] }, q)],
    q,
  );
  assert.equal(s.answered, 2);
  assert.deepEqual(
    s.choices?.map((c) => [c.id, c.count, c.percent]),
    [
      ['A', 2, 100],
      ['B', 1, 50],
      ['C', 0, 0],
      ['none', 0, 0],
    ],
  );
});
