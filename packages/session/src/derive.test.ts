import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionManager } from './index.js';

const manager = createSessionManager({ secrets: ['derive-test-secret'.padEnd(32, '.')] });
const cookieOf = (header: string | undefined) => /^session=[^;]*/.exec(header ?? '')?.[0] ?? '';

test('derive gives the same result whether or not the value came back from the cache', () => {
  const first = manager.load(undefined);
  first.set('cart', { apples: 2, pears: 1 });
  const cookie = cookieOf(manager.commit(first));
  let calls = 0;
  const total = (cart: unknown) => {
    calls += 1;
    return Object.values(cart as Record<string, number>).reduce((a, b) => a + b, 0);
  };
  const reads = Array.from({ length: 10 }, () => manager.load(cookie).derive('cart', total));
  assert.deepEqual(
    reads,
    Array.from({ length: 10 }, () => 3),
  );
  assert.ok(
    calls < 10,
    `a value that comes back unchanged is derived fewer times (${String(calls)})`,
  );
  // A request that changes the value derives from its own.
  const changing = manager.load(cookie);
  changing.set('cart', { apples: 5 });
  assert.equal(changing.derive('cart', total), 5);
  assert.equal(
    manager.load(undefined).derive('cart', (cart) => cart ?? 'none'),
    'none',
  );
});

test('a derived object reused between requests is frozen', () => {
  const first = manager.load(undefined);
  first.set('tags', ['a', 'b']);
  const cookie = cookieOf(manager.commit(first));
  const toSet = (tags: unknown) => ({ tags: new Set(tags as string[]) });
  const results = Array.from({ length: 6 }, () => manager.load(cookie).derive('tags', toSet));
  assert.ok(results.at(-1) !== undefined && Object.isFrozen(results.at(-1)));
  assert.deepEqual([...(results.at(-1)?.tags ?? [])], ['a', 'b']);
});
