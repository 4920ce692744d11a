import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSessionManager } from '../index.js';

const LONG = 'k'.repeat(32);

test('refuses a secret shorter than 32 bytes, current or fallback, naming it', () => {
  assert.throws(
    () => createSessionManager({ secrets: ['k'.repeat(31)] }),
    (error: unknown) =>
      error instanceof RangeError && /secret #0 is 31 bytes; at least 32/.test(error.message),
  );
  assert.throws(() => createSessionManager({ secrets: [LONG, 'short'] }), /secret #1 is 5 bytes/);
  // Bytes, not characters: 16 two-byte characters are 32 bytes.
  assert.ok(createSessionManager({ secrets: ['é'.repeat(16)] }));
  assert.throws(() => createSessionManager({ secrets: [new Uint8Array(16)] }), RangeError);
  assert.ok(createSessionManager({ secrets: [new Uint8Array(32)] }));
});

test('minSecretBytes: 0 accepts the short example keys a Flask interop test needs', () => {
  const manager = createSessionManager({ secrets: ['dev'], minSecretBytes: 0, mode: 'flask' });
  const session = manager.load(undefined);
  session.set('a', 1);
  assert.match(manager.commit(session) ?? '', /^session=/);
});

test('the first secret signs and every secret verifies', () => {
  const [a, b, c] = ['a', 'b', 'c'].map((s) => s.repeat(32)) as [string, string, string];
  const signer = createSessionManager({ secrets: [b, a] });
  const session = signer.load(undefined);
  session.set('x', 1);
  const cookie = (signer.commit(session) ?? '').split(';')[0];
  assert.equal(
    createSessionManager({ secrets: [c, b] })
      .load(cookie)
      .get('x'),
    1,
  );
  assert.equal(
    createSessionManager({ secrets: [c, a] })
      .load(cookie)
      .get('x'),
    undefined,
  );
});
