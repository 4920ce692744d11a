import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, valueOf } from './fixtures.test.js';

const { choice, dropdown, yesno } = kindMap;

test('a choice question keeps format 1 messages word for word', () => {
  const q = question('choice');
  assert.deepEqual(errorsOf(q, {}), { answer: 'Please choose an answer.' });
  assert.deepEqual(errorsOf(q, { answer: '' }), { answer: 'Please choose an answer.' });
  assert.deepEqual(errorsOf(q, { answer: ['Yes', 'No'] }), {
    answer: 'Please choose exactly one answer.',
  });
  assert.deepEqual(errorsOf(q, { answer: 'Maybe', csrf: 'x' }), {
    answer: 'Please choose one of the listed answers.',
  });
  assert.deepEqual(valueOf(q, { answer: 'Yes' }), { kind: 'choice', id: 'Yes' });
});

test('an optional choice question may be left unanswered', () => {
  assert.equal(valueOf(question('choice', { required: false }), {}), null);
});

test('Other needs its text when chosen, and its input value is no choice id', () => {
  const q = question('choice', { choices: ['_other', 'B'], other: 'Something else' });
  assert.deepEqual(valueOf(q, { answer: '_other' }), { kind: 'choice', id: '_other' });
  assert.deepEqual(errorsOf(q, { answer: '_other_', other: ' ' }), {
    other: 'Please say what "Something else" is.',
  });
  assert.deepEqual(valueOf(q, { answer: '_other_', other: 'Frisbees' }), {
    kind: 'other',
    text: 'Frisbees',
  });
  assert.match(errorsOf(q, { answer: '_other_', other: 'x'.repeat(501) }).other ?? '', /too long/);
  // Other text sent without choosing Other is ignored.
  assert.deepEqual(valueOf(q, { answer: 'B', other: 'typed then changed' }), {
    kind: 'choice',
    id: 'B',
  });
});

test('choices written as { id, text } are answered by id and shown by text', () => {
  const q = question('choice', { choices: [{ id: 'y', text: 'Yes please' }, 'No'], other: true });
  assert.deepEqual(valueOf(q, { answer: 'y' }), { kind: 'choice', id: 'y' });
  assert.deepEqual(choice.toRows({ kind: 'choice', id: 'y' }, q), [
    { role: 'answer', item: null, value: 'y', num: null },
  ]);
  assert.deepEqual(choice.exportColumns(q), ['Q', 'Q (other)']);
  assert.deepEqual(choice.exportCells({ kind: 'choice', id: 'y' }, q), ['Yes please', '']);
  assert.deepEqual(choice.exportCells({ kind: 'other', text: 'Hm' }, q), ['Other', 'Hm']);
  assert.deepEqual(choice.exportCells(undefined, q), ['', '']);
  assert.deepEqual(choice.exportJson({ kind: 'choice', id: 'y' }, q), { answer: 'Yes please' });
  assert.deepEqual(choice.exportJson({ kind: 'other', text: 'Hm' }, q), {
    answer: 'Other',
    other: 'Hm',
  });
  assert.deepEqual(choice.exportJson(null, q), { answer: null });
});

test('a choice summary counts each choice of those who answered, and lists Other texts', () => {
  const q = question('choice', { choices: ['A', 'B'], other: true });
  const rows = [
    choice.toRows({ kind: 'choice', id: 'A' }, q),
    choice.toRows({ kind: 'choice', id: 'A' }, q),
    choice.toRows({ kind: 'other', text: 'C' }, q),
    [],
  ];
  assert.deepEqual(choice.summarise(rows, q), {
    answered: 3,
    choices: [
      { id: 'A', text: 'A', count: 2, percent: 66.7 },
      { id: 'B', text: 'B', count: 0, percent: 0 },
    ],
    other: { count: 1, texts: ['C'] },
  });
});

test('a dropdown holds up to 500 choices and parses like a choice', () => {
  const q = question('dropdown', { choices: Array.from({ length: 500 }, (_, i) => `c${i}`) });
  assert.deepEqual(valueOf(q, { answer: 'c499' }), { kind: 'choice', id: 'c499' });
  assert.deepEqual(errorsOf(q, { answer: 'c500' }), {
    answer: 'Please choose one of the listed answers.',
  });
  assert.deepEqual(dropdown.figures, ['choices', 'other']);
});

test('a yesno question posts yes or no and exports Yes or No', () => {
  const q = question('yesno');
  assert.equal(valueOf(q, { answer: 'no' }), 'no');
  assert.deepEqual(errorsOf(q, { answer: 'No' }), {
    answer: 'Please choose one of the listed answers.',
  });
  assert.deepEqual(yesno.exportCells('yes', q), ['Yes']);
  assert.deepEqual(yesno.exportJson('no', q), { answer: 'No' });
  assert.equal(yesno.fromRows(yesno.toRows('yes', q), q), 'yes');
  assert.deepEqual(
    yesno.summarise([yesno.toRows('yes', q), yesno.toRows('no', q), yesno.toRows('yes', q)], q)
      .choices,
    [
      { id: 'yes', text: 'Yes', count: 2, percent: 66.7 },
      { id: 'no', text: 'No', count: 1, percent: 33.3 },
    ],
  );
});

test('a repeated answer field is refused even when a copy is empty, as format 1 does', () => {
  assert.deepEqual(errorsOf(question('choice'), { answer: ['', 'Yes'] }), {
    answer: 'Please choose exactly one answer.',
  });
});
