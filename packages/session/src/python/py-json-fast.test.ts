import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fastDump } from './py-json-fast.js';
import { exactDump } from './py-json-write.js';
import { PyTuple } from './py-types.js';
import { loadTagged } from './tagged-json.js';

const key = fc.oneof(
  fc.constantFrom('a', 'b', 'B', '_x', '10', '9', '__proto__', ' t', ' di', 'é', '😀', '！'),
  fc.string({ maxLength: 6 }),
);
const leaf = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 4, unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e-5, 1e-4, 0.5, 1e16, 1e21, -0, 2 ** 53 + 2, '\x7f', '\x1f', undefined, null),
  fc.boolean(),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    fc.array(tie('value'), { maxLength: 2 }).map((items) => PyTuple.fromItems(items)),
  ),
}));
const session = fc.dictionary(key, value, { maxKeys: 6 });

test('the fast path writes what the exact writer writes, or leaves the value to it', () => {
  let fast = 0;
  fc.assert(
    fc.property(session, (data) => {
      const quick = fastDump(data);
      if (quick === undefined) return;
      fast++;
      assert.equal(quick, exactDump(data));
    }),
    { numRuns: 4000 },
  );
  assert.ok(fast > 500, `${fast} of 4000 sessions took the fast path`);
});

test('in own key order the fast path writes the same data as the exact writer, or leaves it', () => {
  let fast = 0;
  fc.assert(
    fc.property(session, (data) => {
      const quick = fastDump(data, 'own');
      if (quick === undefined) return;
      fast++;
      const read = loadTagged(quick);
      assert.ok(read !== undefined, quick);
      assert.equal(exactDump(read.value), exactDump(data));
    }),
    { numRuns: 4000 },
  );
  assert.ok(fast > 500, `${fast} of 4000 sessions took the fast path`);
  assert.equal(fastDump({ sku: 'A', qty: 1, note: 'x' }, 'own'), '{"sku":"A","qty":1,"note":"x"}');
  assert.equal(fastDump({ ' t': [1] }, 'own'), undefined, 'a tag-like key is escaped');
  assert.equal(fastDump({ t: PyTuple.of(1) }, 'own'), undefined);
});

test('keys out of order are written sorted, digits-first keys and deep nesting go to the exact writer', () => {
  assert.equal(fastDump({ sku: 'A', qty: 1, note: 'x' }), '{"note":"x","qty":1,"sku":"A"}');
  assert.equal(
    fastDump({ b: { d: 1, c: [{ f: 1, e: 2 }] }, a: 0 }),
    exactDump({ b: { d: 1, c: [{ f: 1, e: 2 }] }, a: 0 }),
  );
  assert.equal(fastDump({ b: 1, 10: 2, 9: 3 }), undefined);
  assert.equal(fastDump({ s: 'café' }), undefined);
  assert.equal(fastDump({ f: 1e-7 }), undefined);
  let deep: unknown = 'bottom';
  for (let i = 0; i < 40; i++) deep = [deep];
  assert.equal(fastDump({ d: deep }), undefined);
});
