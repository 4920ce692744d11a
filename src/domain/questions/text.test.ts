import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, valueOf } from './fixtures.test.js';

const { text, longtext, email } = kindMap;

test('text defaults to at most 500 characters and longtext to 5,000', () => {
  assert.equal(question('text').max, 500);
  assert.equal(question('longtext').max, 5_000);
  assert.match(
    errorsOf(question('text'), { answer: 'x'.repeat(501) }).answer ?? '',
    /too long: 501 characters, at most 500/,
  );
  assert.equal(valueOf(question('longtext'), { answer: 'x'.repeat(5_000) })?.length, 5_000);
});

test('a text answer is kept as typed and checked for length, blankness and NUL', () => {
  const q = question('text', { min: 3, max: 10 });
  assert.equal(valueOf(q, { answer: ' Hi there ' }), ' Hi there ');
  assert.deepEqual(errorsOf(q, { answer: 'ab' }), {
    answer: 'Your answer is too short: 2 characters, at least 3.',
  });
  assert.deepEqual(errorsOf(q, { answer: '   ' }), { answer: 'Please answer this question.' });
  assert.deepEqual(errorsOf(q, { answer: 'a\u0000bc' }), {
    answer: 'Your answer contains a character that cannot be stored (NUL).',
  });
  // Characters as people count them: four emoji are four characters.
  assert.equal(valueOf(q, { answer: '😀😀😀😀' }), '😀😀😀😀');
  assert.equal(valueOf(question('longtext', { required: false }), { answer: '' }), null);
});

test('an email address is checked as browsers check it, surrounding spaces dropped', () => {
  const q = question('email');
  assert.equal(valueOf(q, { answer: ' ana@example.com ' }), 'ana@example.com');
  for (const bad of ['ana', 'ana@', '@example.com', 'a b@example.com', 'ana@-example.com']) {
    assert.deepEqual(errorsOf(q, { answer: bad }), {
      answer: 'Please enter an email address, like name@example.com.',
    });
  }
});

test('a text answer is one row, one cell, a JSON string, and only "answered" in results', () => {
  const q = question('text');
  assert.deepEqual(text.toRows('hi', q), [{ role: 'answer', item: null, value: 'hi', num: null }]);
  assert.equal(text.fromRows(text.toRows('hi', q), q), 'hi');
  assert.deepEqual(text.exportCells('=1+1', q), ['=1+1']);
  assert.deepEqual(longtext.exportJson('hi', question('longtext')), { answer: 'hi' });
  assert.deepEqual(email.summarise([text.toRows('a', q), []], question('email')), { answered: 1 });
  assert.deepEqual(text.exportColumns(q), ['Q']);
});
