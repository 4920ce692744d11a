import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, valueOf } from './fixtures.test.js';

const { consent, statement } = kindMap;

test('a required consent must be ticked; an optional one may be left', () => {
  const q = question('consent', { label: 'I agree to the terms' });
  assert.equal(valueOf(q, { answer: 'yes' }), true);
  assert.deepEqual(errorsOf(q, {}), { answer: 'Please tick the box to go on.' });
  assert.deepEqual(errorsOf(q, { answer: 'no' }), {
    answer: 'Please tick the box or leave it empty.',
  });
  assert.equal(valueOf(question('consent', { required: false }), {}), null);
});

test('a consent exports 1 or empty and true in JSON, and counts ticks', () => {
  const q = question('consent', { label: 'I agree' });
  assert.deepEqual(consent.exportCells(true, q), [1]);
  assert.deepEqual(consent.exportCells(null, q), ['']);
  assert.deepEqual(consent.exportJson(true, q), { answer: true });
  assert.deepEqual(consent.summarise([consent.toRows(true, q), []], q).choices, [
    { id: 'yes', text: 'I agree', count: 1, percent: 100 },
  ]);
});

test('a statement has nothing to answer, store or export', () => {
  const q = question('statement', { help: 'Thanks for coming.' });
  assert.equal(statement.answerable, false);
  assert.equal(valueOf(q, { answer: 'anything' }), null);
  assert.deepEqual(statement.exportColumns(q), []);
  assert.deepEqual(statement.figures, []);
});
