import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionManager } from '../index.js';

const secrets = ['cookie-prefix-test-secret-of-32-bytes+'];

test('a __Host- cookie name needs secure and path /, a __Secure- one needs secure', () => {
  assert.throws(
    () => createSessionManager({ secrets, cookieName: '__Host-session' }),
    /__Host-session needs secure: true/,
  );
  assert.throws(
    () => createSessionManager({ secrets, cookieName: '__Host-session', secure: true, path: '/s' }),
    /needs path "\/"/,
  );
  assert.throws(
    () => createSessionManager({ secrets, cookieName: '__secure-id' }),
    /__secure-id needs secure: true/,
  );
});

test('a __Host-session cookie is Secure with Path=/ and no Domain, and read back by its name only', () => {
  const manager = createSessionManager({ secrets, cookieName: '__Host-session', secure: true });
  const session = manager.load(undefined);
  session.set('n', 1);
  const line = manager.commit(session) ?? '';
  assert.match(line, /^__Host-session=[^;]+; /);
  assert.match(line, /; Secure/);
  assert.match(line, /; Path=\/(;|$)/);
  assert.doesNotMatch(line, /domain=/i);
  const value = line.split(';')[0]?.split('=').slice(1).join('=') ?? '';
  assert.equal(manager.load(`__Host-session=${value}`).get('n'), 1);
  assert.equal(manager.load(`session=${value}`).get('n'), undefined);
});
