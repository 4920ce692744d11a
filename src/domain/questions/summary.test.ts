import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { kindMap } from './registry.js';
import { median, percent, round1 } from './summary.js';
import { question } from './fixtures.test.js';

test('figures are rounded to one decimal and percent of nobody is 0', () => {
  assert.equal(round1(66.66), 66.7);
  assert.equal(percent(1, 3), 33.3);
  assert.equal(percent(0, 0), 0);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.equal(median([]), null);
});

test('single-choice counts and Other add up to those who answered (property)', () => {
  const q = question('choice', { choices: ['a', 'b', 'c'], other: true });
  const answer = fc.option(
    fc.oneof(
      fc.constantFrom('a', 'b', 'c').map((id) => ({ kind: 'choice', id }) as const),
      fc.constant({ kind: 'other', text: 'x' } as const),
    ),
  );
  fc.assert(
    fc.property(fc.array(answer), (answers) => {
      const rows = answers.map((a) => (a === null ? [] : kindMap.choice.toRows(a, q)));
      const s = kindMap.choice.summarise(rows, q);
      const counted = (s.choices ?? []).reduce((n, c) => n + c.count, 0) + (s.other?.count ?? 0);
      assert.equal(counted, s.answered);
      assert.equal(s.answered, answers.filter((a) => a !== null).length);
    }),
  );
});

test('NPS groups add up to those who answered and the score stays within -100…100 (property)', () => {
  const q = question('nps');
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1 }), (points) => {
      const s = kindMap.nps.summarise(
        points.map((p) => kindMap.nps.toRows(p, q)),
        q,
      );
      assert.ok(s.nps);
      assert.equal(s.nps.promoters + s.nps.passives + s.nps.detractors, points.length);
      assert.ok(s.nps.score !== null && s.nps.score >= -100 && s.nps.score <= 100);
    }),
  );
});
