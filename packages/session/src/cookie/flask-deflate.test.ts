import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import fc from 'fast-check';
import type * as Pako from 'pako';
import { zlib12Deflate } from './flask-deflate.js';

const pako = createRequire(import.meta.url)('pako') as typeof Pako;

test('the reused stream gives the bytes of a fresh pako.deflate, call after call, whatever came before', () => {
  // Payloads of every size class one after another: a long one leaves its bytes in the window
  // and its chains in the tables, which must not reach into the next, shorter one.
  const payload = fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    fc
      .array(fc.constantFrom('{"a":', '"answers"', '[1,2]', 'Yes', 'No', ',', '}'), {
        maxLength: 800,
      })
      .map((parts) => Buffer.from(parts.join(''))),
    fc.string({ minLength: 3000, maxLength: 40_000 }).map((text) => Buffer.from(text)),
  );
  fc.assert(
    fc.property(fc.array(payload, { minLength: 1, maxLength: 6 }), (payloads) => {
      for (const bytes of payloads) {
        assert.deepEqual(zlib12Deflate(bytes), pako.deflate(bytes));
      }
    }),
    { numRuns: 300 },
  );
});

test('a tail repeated right after a longer payload ended gives the same bytes as on its own', () => {
  const tail = Buffer.from('{"k":"abcabcabcabc"}');
  const fresh = pako.deflate(tail);
  zlib12Deflate(Buffer.concat([tail, Buffer.from('abcabcabcabcabcabc'.repeat(40))]));
  assert.deepEqual(zlib12Deflate(tail), fresh);
  assert.deepEqual(zlib12Deflate(new Uint8Array(0)), pako.deflate(new Uint8Array(0)));
});
