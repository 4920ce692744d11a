import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Batcher } from './batcher.js';

/** A batch runner that doubles numbers, remembering each batch it was given. */
function doubler(fail: (n: number) => Error | undefined = () => undefined) {
  const batches: number[][] = [];
  const run = (inputs: readonly number[]) => {
    batches.push([...inputs]);
    for (const n of inputs) {
      const error = fail(n);
      if (error !== undefined) return Promise.reject(error);
    }
    return Promise.resolve(inputs.map((n) => n * 2));
  };
  return { batches, run };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

test('inputs arriving together go in one batch, and each caller gets its own output', async () => {
  const { batches, run } = doubler();
  const batcher = new Batcher(run, () => false);
  const outputs = await Promise.all([1, 2, 3, 4].map((n) => batcher.run(n)));
  assert.deepEqual(outputs, [2, 4, 6, 8]);
  assert.deepEqual(batches, [[1, 2, 3, 4]]);
});

test('an input that fails with a bug fails alone; its neighbours get their outputs', async () => {
  const bug = new Error('a bug');
  const { batches, run } = doubler((n) => (n === 2 ? bug : undefined));
  const batcher = new Batcher(run, () => false);
  const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.run(n)));
  assert.deepEqual(
    outcomes.map((o): unknown => (o.status === 'fulfilled' ? o.value : o.reason)),
    [2, bug, 6],
  );
  assert.deepEqual(batches, [[1, 2, 3], [1], [2], [3]]);
});

test('when the database is unavailable every input of the batch fails, none retried', async () => {
  const down = new Error('connection refused');
  const { batches, run } = doubler((n) => (n === 2 ? down : undefined));
  const batcher = new Batcher(run, (error) => error === down);
  const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.run(n)));
  assert.deepEqual(
    outcomes.map((o): unknown => (o.status === 'rejected' ? o.reason : 'output')),
    [down, down, down],
  );
  assert.deepEqual(batches, [[1, 2, 3]]);
});

test('inputs that come while the batches in flight run wait and go together in the next', async () => {
  const releases: (() => void)[] = [];
  const batches: number[][] = [];
  const batcher = new Batcher(
    (inputs: readonly number[]) => {
      batches.push([...inputs]);
      return new Promise<number[]>((resolve) => {
        releases.push(() => {
          resolve([...inputs]);
        });
      });
    },
    () => false,
    2,
  );
  const first = batcher.run(1);
  await turn();
  const second = batcher.run(2);
  await turn();
  // Two batches in flight: the next inputs wait for one of them to finish.
  const waiting = [batcher.run(3), batcher.run(4)];
  await turn();
  assert.deepEqual(batches, [[1], [2]]);
  releases[0]?.();
  await first;
  await turn();
  assert.deepEqual(batches, [[1], [2], [3, 4]]);
  for (const release of releases.slice(1)) release();
  assert.deepEqual(await Promise.all([second, ...waiting]), [2, 3, 4]);
});

test('a batch never holds more than its maximum; the rest go in the next', async () => {
  const { batches, run } = doubler();
  const batcher = new Batcher(run, () => false, 1, 3);
  const outputs = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.run(n)));
  assert.deepEqual(outputs, [2, 4, 6, 8, 10]);
  assert.deepEqual(batches, [
    [1, 2, 3],
    [4, 5],
  ]);
});
