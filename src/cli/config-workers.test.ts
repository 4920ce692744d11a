import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { ConfigError, resolveServeConfig } from './config.js';

test('runs one process unless told otherwise, and N workers for --workers N', () => {
  assert.equal(resolveServeConfig({}, {}).workers, 1);
  assert.equal(resolveServeConfig({ workers: '3' }, {}).workers, 3);
  assert.equal(resolveServeConfig({}, { CANVASS_WORKERS: '2' }).workers, 2);
});

test('takes 0 and auto to mean one worker per core', () => {
  assert.equal(resolveServeConfig({ workers: 'auto' }, {}).workers, availableParallelism());
  assert.equal(resolveServeConfig({ workers: '0' }, {}).workers, availableParallelism());
});

test('refuses a worker count that is not a whole number from 0 to 256, naming the variable', () => {
  for (const workers of ['-1', '1.5', 'many', '257']) {
    assert.throws(
      () => resolveServeConfig({ workers }, {}),
      (error: unknown) => error instanceof ConfigError && /CANVASS_WORKERS: /.test(error.message),
      workers,
    );
  }
});
