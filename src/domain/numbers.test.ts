import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatCount } from './numbers.js';

test('writes every number exactly as toLocaleString("en") does', () => {
  for (const n of [0, -0, 7, 999, 1000, -1000, 12345, 1234567, 2 ** 53 - 1, 2 ** 53, 1.5, -0.25]) {
    assert.equal(formatCount(n), n.toLocaleString('en'), String(n));
  }
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true })), (n) => {
      assert.equal(formatCount(n), n.toLocaleString('en'));
    }),
    { numRuns: process.env.CI ? 2000 : 300 },
  );
});
