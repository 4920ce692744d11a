import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, valueOf } from './fixtures.test.js';

const { ranking } = kindMap;
const q = question('ranking', { choices: ['A', 'B', 'C'] });

test('a ranking takes a distinct rank per choice, best first', () => {
  assert.deepEqual(valueOf(q, { 'answer.A': '2', 'answer.B': '3', 'answer.C': '1' }), [
    { id: 'C', rank: 1 },
    { id: 'A', rank: 2 },
    { id: 'B', rank: 3 },
  ]);
});

test('ranks must be distinct, in range, and complete when required', () => {
  assert.deepEqual(errorsOf(q, { 'answer.A': '1', 'answer.B': '1', 'answer.C': '2' }), {
    'answer.A': 'Each rank can be given once: 1 is given more than once.',
    'answer.B': 'Each rank can be given once: 1 is given more than once.',
  });
  assert.deepEqual(errorsOf(q, { 'answer.A': '4' }), {
    'answer.A': 'Please choose a rank from 1 to 3.',
  });
  assert.deepEqual(errorsOf(q, { 'answer.A': '1' }), { answer: 'Please rank every choice.' });
});

test('with top, only the first N are ranked', () => {
  const top = question('ranking', { choices: ['A', 'B', 'C'], top: 2 });
  assert.deepEqual(valueOf(top, { 'answer.B': '1', 'answer.C': '2' }), [
    { id: 'B', rank: 1 },
    { id: 'C', rank: 2 },
  ]);
  assert.deepEqual(errorsOf(top, { 'answer.B': '1' }), { answer: 'Please rank your top 2.' });
  assert.deepEqual(errorsOf(top, { 'answer.B': '3' }), {
    'answer.B': 'Please choose a rank from 1 to 2.',
  });
});

test('a ranking is one row per ranked choice, exported as ranks and as a list in rank order', () => {
  const value = [
    { id: 'C', rank: 1 },
    { id: 'A', rank: 2 },
  ];
  assert.deepEqual(ranking.toRows(value, q), [
    { role: 'answer', item: 'C', value: '1', num: 1 },
    { role: 'answer', item: 'A', value: '2', num: 2 },
  ]);
  assert.deepEqual(ranking.fromRows(ranking.toRows(value, q), q), value);
  assert.deepEqual(ranking.exportColumns(q), ['Q [A]', 'Q [B]', 'Q [C]']);
  assert.deepEqual(ranking.exportCells(value, q), [2, '', 1]);
  assert.deepEqual(ranking.exportJson(value, q), { answer: ['C', 'A'] });
});

test('a ranking summary gives each item its average rank and how often it came first', () => {
  const answers = [
    [
      { id: 'A', rank: 1 },
      { id: 'B', rank: 2 },
      { id: 'C', rank: 3 },
    ],
    [
      { id: 'B', rank: 1 },
      { id: 'A', rank: 2 },
      { id: 'C', rank: 3 },
    ],
  ];
  const s = ranking.summarise(
    answers.map((v) => ranking.toRows(v, q)),
    q,
  );
  assert.deepEqual(s.items, [
    { id: 'A', text: 'A', averageRank: 1.5, first: 1 },
    { id: 'B', text: 'B', averageRank: 1.5, first: 1 },
    { id: 'C', text: 'C', averageRank: 3, first: 0 },
  ]);
});
