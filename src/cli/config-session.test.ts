import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, resolveServeConfig } from './config.js';

const KEY = 'k'.repeat(32);
const resolve = (env: Record<string, string>) =>
  resolveServeConfig({}, { SECRET_KEY: KEY, ...env });

test('SECRET_KEY_FALLBACKS is a comma-separated list, never one key per character', () => {
  const old = ['o'.repeat(32), 'p'.repeat(40)];
  assert.deepEqual(
    resolve({ SECRET_KEY_FALLBACKS: ` ${old[0]} ,${old[1]},` }).secretKeyFallbacks,
    old,
  );
  assert.deepEqual(resolve({ SECRET_KEY_FALLBACKS: old[1] ?? '' }).secretKeyFallbacks, [old[1]]);
  assert.deepEqual(resolve({}).secretKeyFallbacks, []);
});

test('refuses session secrets shorter than 32 bytes at startup, saying what to set', () => {
  assert.throws(() => resolve({ SECRET_KEY: 'k'.repeat(31) }), /SECRET_KEY: .*at least 32 bytes/);
  assert.throws(
    () => resolve({ SECRET_KEY_FALLBACKS: `${KEY},short` }),
    (error: unknown) => error instanceof ConfigError && /SECRET_KEY_FALLBACKS/.test(error.message),
  );
});

test('SESSION_STORE takes a redis:// URL and refuses anything else', () => {
  assert.equal(
    resolve({ SESSION_STORE: 'redis://127.0.0.1:6379/2' }).sessionStore,
    'redis://127.0.0.1:6379/2',
  );
  assert.equal(
    resolve({ SESSION_STORE: 'rediss://cache:6380' }).sessionStore,
    'rediss://cache:6380',
  );
  assert.throws(
    () => resolve({ SESSION_STORE: 'memcached://x' }),
    /SESSION_STORE: must be a redis:\/\//,
  );
  assert.equal(resolve({ SESSION_IDLE_TIMEOUT: '1800' }).sessionIdleTimeout, 1800);
  assert.equal(resolve({}).sessionAbsoluteTimeout, 400 * 24 * 3600);
  assert.equal(resolve({ SESSION_ABSOLUTE_TIMEOUT: '86400' }).sessionAbsoluteTimeout, 86400);
  assert.throws(() => resolve({ SESSION_ABSOLUTE_TIMEOUT: '5' }), /SESSION_ABSOLUTE_TIMEOUT/);
});
