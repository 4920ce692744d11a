import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, valueOf } from './fixtures.test.js';

const { number } = kindMap;

test('a number accepts what <input type=number> posts', () => {
  const q = question('number');
  for (const [typed, n] of [
    ['12', 12],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['-0', 0],
  ] as const) {
    assert.equal(valueOf(q, { answer: typed }), n);
  }
  for (const bad of ['1,5', '12abc', 'Infinity', '0x10', '1e999']) {
    assert.deepEqual(errorsOf(q, { answer: bad }), {
      answer: 'Please enter a number, like 12 or 3.5.',
    });
  }
});

test('a number checks integer, min, max and required', () => {
  const q = question('number', { min: 0, max: 1_500, integer: true, unit: 'hours' });
  assert.deepEqual(errorsOf(q, { answer: '2.5' }), { answer: 'Please enter a whole number.' });
  assert.deepEqual(errorsOf(q, { answer: '-1' }), {
    answer: 'Please enter a number of at least 0.',
  });
  assert.deepEqual(errorsOf(q, { answer: '1501' }), {
    answer: 'Please enter a number of at most 1,500.',
  });
  assert.deepEqual(errorsOf(q, {}), { answer: 'Please enter a number.' });
  assert.equal(valueOf(question('number', { required: false }), { answer: ' ' }), null);
});

test('a number is stored with num set, exported as a number, and summarised', () => {
  const q = question('number');
  assert.deepEqual(number.toRows(2.5, q), [{ role: 'answer', item: null, value: '2.5', num: 2.5 }]);
  assert.equal(number.fromRows(number.toRows(2.5, q), q), 2.5);
  assert.deepEqual(number.exportCells(-4, q), [-4]);
  assert.deepEqual(number.exportJson(7, q), { answer: 7 });
  assert.deepEqual(
    number.summarise(
      [1, 2, 4, 10].map((n) => number.toRows(n, q)),
      q,
    ),
    {
      answered: 4,
      mean: 4.3,
      median: 3,
      min: 1,
      max: 10,
    },
  );
  assert.deepEqual(number.summarise([], q), {
    answered: 0,
    mean: null,
    median: null,
    min: null,
    max: null,
  });
});
