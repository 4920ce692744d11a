import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, suggest } from './suggest.js';

test('edit distance counts an adjacent swap as one edit', () => {
  assert.equal(editDistance('choises', 'choices'), 1);
  assert.equal(editDistance('questoins', 'questions'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});

test('suggests only close words, ignoring case, the closest first', () => {
  assert.equal(suggest('Choices', ['choices', 'other']), 'choices');
  assert.equal(suggest('allowtext', ['allowText']), 'allowText');
  assert.equal(suggest('min', ['max', 'min']), 'min');
  assert.equal(suggest('xyz', ['max', 'min']), undefined);
});
