import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPostgresUnavailable } from './errors.js';

const withCode = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

test('timeouts, lock waits, ended connections and a full server count as unavailable', () => {
  for (const code of ['57014', '55P03', '57P01', '57P02', '57P03', '08006', '08001', '53300']) {
    assert.ok(isPostgresUnavailable(withCode(code)), code);
  }
  for (const message of [
    'timeout exceeded when trying to connect',
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
  ]) {
    assert.ok(isPostgresUnavailable(new Error(message)), message);
  }
});

test('errors in the statement itself do not', () => {
  for (const code of ['23505', '22P02', '42P01', '40001']) {
    assert.equal(isPostgresUnavailable(withCode(code)), false, code);
  }
  assert.equal(isPostgresUnavailable(new Error('syntax error at or near "selec"')), false);
});
