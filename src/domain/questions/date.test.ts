import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, TODAY, valueOf } from './fixtures.test.js';

const { date } = kindMap;

test('a date must be a real day written YYYY-MM-DD', () => {
  const q = question('date');
  assert.equal(valueOf(q, { answer: '2024-02-29' }), '2024-02-29');
  for (const bad of ['2023-02-29', '2024-13-01', '31/12/2024', '2024-1-1']) {
    assert.deepEqual(errorsOf(q, { answer: bad }), {
      answer: 'Please enter a date written YYYY-MM-DD, like 2024-03-31.',
    });
  }
});

test('min and max may be today, read from the injected clock', () => {
  const q = question('date', { min: '2020-01-01', max: 'today' });
  assert.equal(valueOf(q, { answer: TODAY }), TODAY);
  assert.deepEqual(errorsOf(q, { answer: '2026-12-03' }), {
    answer: `Please enter a date on or before ${TODAY}.`,
  });
  assert.deepEqual(errorsOf(q, { answer: '2019-12-31' }), {
    answer: 'Please enter a date on or after 2020-01-01.',
  });
});

test('a date is stored with its day number, exported as text, summarised by min, max and median', () => {
  const q = question('date');
  assert.deepEqual(date.toRows('1970-01-02', q), [
    { role: 'answer', item: null, value: '1970-01-02', num: 1 },
  ]);
  assert.deepEqual(date.exportCells('2024-03-31', q), ['2024-03-31']);
  assert.deepEqual(date.exportJson('2024-03-31', q), { answer: '2024-03-31' });
  const rows = ['2024-03-01', '2024-01-01', '2024-02-01', '2024-04-01'].map((d) =>
    date.toRows(d, q),
  );
  assert.deepEqual(date.summarise(rows, q), {
    answered: 4,
    min: '2024-01-01',
    max: '2024-04-01',
    median: '2024-02-01',
  });
});
