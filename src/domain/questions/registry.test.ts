import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { kindNames, kindOf, kinds } from './registry.js';
import { sampleQuestions } from './fixtures.test.js';

test('the registry has exactly the kinds of SURVEYS.md §2, each in a file of its own name', () => {
  assert.deepEqual(kindNames, [
    'choice',
    'dropdown',
    'yesno',
    'multi',
    'text',
    'longtext',
    'email',
    'number',
    'date',
    'rating',
    'nps',
    'grid',
    'ranking',
    'consent',
    'statement',
  ]);
  for (const kind of kindNames) {
    assert.ok(existsSync(new URL(`./${kind}.ts`, import.meta.url)), `${kind}.ts`);
  }
});

test('each kind has the figures of the SURVEYS.md §10 table', () => {
  const expected: Record<string, readonly string[]> = {
    choice: ['choices', 'other'],
    dropdown: ['choices', 'other'],
    yesno: ['choices'],
    consent: ['choices'],
    multi: ['choices', 'other'],
    rating: ['choices', 'mean', 'median', 'min', 'max'],
    number: ['mean', 'median', 'min', 'max'],
    nps: ['choices', 'nps'],
    grid: ['rows'],
    ranking: ['items'],
    text: [],
    longtext: [],
    email: [],
    date: ['min', 'max', 'median'],
    statement: [],
  };
  for (const kind of kindNames) assert.deepEqual(kinds[kind].figures, expected[kind], kind);
});

test('each kind summarises exactly the figures it declares', () => {
  assert.deepEqual(
    sampleQuestions.map((q) => q.type),
    kindNames,
  );
  for (const q of sampleQuestions) {
    const kind = kindOf(q);
    const summary = kind.summarise([], q);
    const keys = Object.keys(summary).filter((k) => k !== 'answered');
    assert.deepEqual(keys.sort(), [...kind.figures].sort(), q.type);
  }
});
