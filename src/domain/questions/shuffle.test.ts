import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { shuffled } from './shuffle.js';

const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }));

test('the order is the same for the same response and question, whatever the call', () => {
  assert.deepEqual(shuffled(items, 42, 'q1'), shuffled(items, 42, 'q1'));
});

test('different responses see different orders', () => {
  const orders = new Set(
    Array.from({ length: 50 }, (_, r) =>
      shuffled(items, r, 'q1')
        .map((i) => i.id)
        .join(''),
    ),
  );
  assert.ok(orders.size > 20, `only ${orders.size} orders in 50 responses`);
});

test('an order is a permutation with exclusive choices last, in file order (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.boolean(), { maxLength: 12 }),
      fc.nat(),
      fc.string(),
      (flags, r, qid) => {
        const list = flags.map((exclusive, id) => ({ id, exclusive }));
        const order = shuffled(list, r, qid);
        assert.deepEqual(
          [...order].sort((a, b) => a.id - b.id),
          list,
        );
        const tail = order.slice(order.length - list.filter((i) => i.exclusive).length);
        assert.deepEqual(
          tail,
          list.filter((i) => i.exclusive),
        );
      },
    ),
  );
});
