import assert from 'node:assert/strict';
import { test } from 'node:test';
import { publicLinkExpiry, publicLinkState } from './public-links.js';

const T0 = new Date('2024-05-01T10:00:00.000Z');

test('a public link expires the given number of days after it is made, or never', () => {
  assert.equal(publicLinkExpiry(T0, undefined), undefined);
  assert.deepEqual(publicLinkExpiry(T0, 2), new Date('2024-05-03T10:00:00.000Z'));
});

test('a public link is active until its expiry, and revoked wins over expired', () => {
  const expiresAt = new Date('2024-05-03T10:00:00.000Z');
  assert.equal(publicLinkState({ expiresAt, revokedAt: null }, T0), 'active');
  assert.equal(publicLinkState({ expiresAt, revokedAt: null }, expiresAt), 'expired');
  assert.equal(publicLinkState({ expiresAt: null, revokedAt: null }, expiresAt), 'active');
  assert.equal(publicLinkState({ expiresAt, revokedAt: T0 }, expiresAt), 'revoked');
});
