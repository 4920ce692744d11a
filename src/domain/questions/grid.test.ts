import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, valueOf } from './fixtures.test.js';

const { grid } = kindMap;
const q = question('grid', {
  rows: [{ id: 'speed', text: 'Speed' }, 'Price'],
  columns: [
    { id: 'bad', text: 'Bad', value: 1 },
    { id: 'good', text: 'Good', value: 3 },
  ],
});

test('a grid takes one column per row, named answer.ROWID', () => {
  assert.deepEqual(valueOf(q, { 'answer.speed': 'good', 'answer.Price': 'bad' }), [
    { row: 'speed', column: 'good' },
    { row: 'Price', column: 'bad' },
  ]);
});

test('a required grid needs every row; each error sits on its row', () => {
  assert.deepEqual(errorsOf(q, { 'answer.speed': 'good' }), {
    'answer.Price': 'Please choose an answer for "Price".',
  });
  assert.deepEqual(errorsOf(q, { 'answer.speed': 'meh', 'answer.Price': ['bad', 'good'] }), {
    'answer.speed': 'Please choose one of the listed answers for "Speed".',
    'answer.Price': 'Please choose one of the listed answers for "Price".',
  });
  const optional = question('grid', { rows: ['a', 'b'], columns: ['x', 'y'], required: false });
  assert.deepEqual(valueOf(optional, { 'answer.b': 'y' }), [{ row: 'b', column: 'y' }]);
  assert.equal(valueOf(optional, {}), null);
});

test('a grid is one row per answered row with the column value, exported per row', () => {
  const value = [
    { row: 'speed', column: 'good' },
    { row: 'Price', column: 'bad' },
  ];
  assert.deepEqual(grid.toRows(value, q), [
    { role: 'answer', item: 'speed', value: 'good', num: 3 },
    { role: 'answer', item: 'Price', value: 'bad', num: 1 },
  ]);
  assert.deepEqual(grid.fromRows(grid.toRows(value, q), q), value);
  assert.deepEqual(grid.exportColumns(q), ['Q [Speed]', 'Q [Price]']);
  assert.deepEqual(grid.exportCells([{ row: 'Price', column: 'bad' }], q), ['', 'Bad']);
  assert.deepEqual(grid.exportJson(value, q), { answer: { Speed: 'Good', Price: 'Bad' } });
});

test('a grid summary gives each row its column counts and the mean of column values', () => {
  const answers = [
    [{ row: 'speed', column: 'good' }],
    [
      { row: 'speed', column: 'bad' },
      { row: 'Price', column: 'bad' },
    ],
  ];
  const s = grid.summarise(
    answers.map((v) => grid.toRows(v, q)),
    q,
  );
  assert.equal(s.answered, 2);
  assert.deepEqual(
    s.rows?.map((r) => [r.id, r.answered, r.choices.map((c) => c.count), r.mean]),
    [
      ['speed', 2, [1, 1], 2],
      ['Price', 1, [1, 0], 1],
    ],
  );
});
