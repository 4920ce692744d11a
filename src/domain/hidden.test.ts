import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  hiddenFacts,
  hiddenValue,
  hiddenValueProblem,
  hiddenValues,
  MAX_HIDDEN_VALUE,
} from './hidden.js';

test('keeps the listed names given once, in the survey order, and ignores everything else', () => {
  const names = ['team', 'source', 'constructor'];
  assert.deepEqual(
    hiddenValues(names, {
      source: 'mail',
      team: 'x'.repeat(MAX_HIDDEN_VALUE),
      unknown: 'u',
      _csrf: 't',
    }),
    { team: 'x'.repeat(MAX_HIDDEN_VALUE), source: 'mail' },
  );
  assert.deepEqual(
    hiddenValues(names, { source: 'x'.repeat(MAX_HIDDEN_VALUE + 1), team: ['a', 'b'] }),
    {},
  );
  assert.deepEqual(hiddenValues(names, { source: '' }), {});
  assert.deepEqual(hiddenValues(names, undefined), {});
  assert.deepEqual(hiddenValues(names, {}), {});
});

test('counts a value in characters as people do and refuses one holding NUL', () => {
  const emoji = '😀'.repeat(MAX_HIDDEN_VALUE);
  assert.equal(hiddenValueProblem('mail'), undefined);
  assert.equal(hiddenValueProblem(emoji), undefined);
  assert.equal(hiddenValueProblem('😀'.repeat(MAX_HIDDEN_VALUE + 1)), 'length');
  assert.equal(hiddenValueProblem(''), 'length');
  assert.equal(hiddenValueProblem('a\u0000b'), 'unstorable');
  assert.equal(hiddenValueProblem(`${'x'.repeat(MAX_HIDDEN_VALUE)}\u0000`), 'length');
  assert.deepEqual(hiddenValues(['source', 'team'], { source: 'a\u0000b', team: emoji }), {
    team: emoji,
  });
});

test('reads a value only from the response itself, never from what objects inherit', () => {
  assert.equal(hiddenValue({}, 'constructor'), undefined);
  assert.equal(hiddenValue({ constructor: 'c' }, 'constructor'), 'c');
  assert.equal(hiddenValue(undefined, 'source'), undefined);
});

test('gives conditions the stored values as facts, none when nothing was stored', () => {
  assert.deepEqual([...hiddenFacts({ source: 'mail' })], [['source', 'mail']]);
  assert.equal(hiddenFacts().size, 0);
});
