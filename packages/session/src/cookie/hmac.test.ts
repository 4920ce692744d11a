import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { FixedKeyHmac } from './hmac.js';

const runs = process.env.CI === 'true' ? 2000 : 300;

for (const digest of ['sha1', 'sha256'] as const) {
  test(`${digest}: equals createHmac for any key up to a block and any message`, () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(
          fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        ),
        (key, parts) => {
          const hmac = new FixedKeyHmac(digest, key);
          // Several messages through one instance: the reused buffers must not leak between calls.
          for (const message of [...parts, parts.join('.'), '']) {
            assert.equal(
              hmac.base64url(message),
              createHmac(digest, key).update(message, 'utf8').digest('base64url'),
            );
          }
        },
      ),
      { numRuns: runs },
    );
  });
}

test('grows for a message longer than its buffer and still signs short ones after', () => {
  const key = Buffer.alloc(32, 7);
  const hmac = new FixedKeyHmac('sha256', key);
  const long = 'x'.repeat(5000) + '€'.repeat(300);
  const expected = (m: string) => createHmac('sha256', key).update(m).digest('base64url');
  assert.equal(hmac.base64url(long), expected(long));
  assert.equal(hmac.base64url('short'), expected('short'));
});

test('refuses a key longer than one block, which RFC 2104 would hash first', () => {
  assert.throws(() => new FixedKeyHmac('sha1', new Uint8Array(65)), RangeError);
});
