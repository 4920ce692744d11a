import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindMap } from './registry.js';
import { errorsOf, question, valueOf } from './fixtures.test.js';

const { rating, nps } = kindMap;

test('a rating scale defaults to 5 and may be 3 to 10', () => {
  assert.equal(question('rating').scale, 5);
  assert.equal(question('rating', { scale: 10, labels: { low: 'Bad', high: 'Good' } }).scale, 10);
});

test('a rating takes a point from 1 to its scale', () => {
  const q = question('rating', { scale: 7 });
  assert.equal(valueOf(q, { answer: '7' }), 7);
  for (const bad of ['0', '8', '2.5', '03', 'x']) {
    assert.deepEqual(errorsOf(q, { answer: bad }), { answer: 'Please choose one of 1 to 7.' });
  }
  assert.deepEqual(errorsOf(q, {}), { answer: 'Please choose an answer.' });
});

test('a rating is stored with num, exported as a number, summarised per point', () => {
  const q = question('rating', { scale: 3 });
  assert.deepEqual(rating.toRows(2, q), [{ role: 'answer', item: null, value: '2', num: 2 }]);
  assert.deepEqual(rating.exportCells(2, q), [2]);
  assert.deepEqual(rating.exportJson(3, q), { answer: 3 });
  const s = rating.summarise(
    [1, 3, 3].map((n) => rating.toRows(n, q)),
    q,
  );
  assert.deepEqual(
    s.choices?.map((c) => c.count),
    [1, 0, 2],
  );
  assert.deepEqual([s.mean, s.median, s.min, s.max], [2.3, 3, 1, 3]);
});

test('an nps question takes 0 to 10 and scores promoters minus detractors', () => {
  const q = question('nps');
  assert.equal(valueOf(q, { answer: '0' }), 0);
  assert.equal(valueOf(q, { answer: '10' }), 10);
  assert.deepEqual(errorsOf(q, { answer: '11' }), { answer: 'Please choose one of 0 to 10.' });
  const s = nps.summarise(
    [10, 9, 8, 6, 0, 10].map((n) => nps.toRows(n, q)),
    q,
  );
  assert.deepEqual(s.nps, { score: 16.7, promoters: 3, passives: 1, detractors: 2 });
  assert.equal(s.choices?.length, 11);
  assert.deepEqual(nps.summarise([], q).nps, {
    score: null,
    promoters: 0,
    passives: 0,
    detractors: 0,
  });
});
