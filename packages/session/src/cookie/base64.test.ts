import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeBase64Lenient, decodeBase64Url, encodeBase64, encodeBase64Url } from './base64.js';

const { base64 } = JSON.parse(
  readFileSync(new URL('../../test/fixtures/python-vectors.json', import.meta.url), 'utf8'),
) as { base64: [string, string | null][] };

function hex(bytes: Uint8Array | undefined): string | null {
  return bytes === undefined ? null : Buffer.from(bytes).toString('hex');
}

test('decodes leniently exactly like binascii.a2b_base64 on 400 Python-checked inputs', () => {
  for (const [input, expected] of base64) {
    assert.equal(hex(decodeBase64Lenient(input)), expected, JSON.stringify(input));
  }
});

test('encodes base64url without padding and standard base64 with it', () => {
  const bytes = Uint8Array.from([0xfb, 0xef, 0xbe, 0xff]);
  assert.equal(encodeBase64Url(bytes), '----_w');
  assert.equal(encodeBase64(bytes), '++++/w==');
  assert.equal(encodeBase64Url(new Uint8Array(0)), '');
});

test('decodes itsdangerous segments: canonical, padded, +/ spelling, junk, and a dangling char', () => {
  assert.equal(hex(decodeBase64Url('ZVPxAA')), '6553f100');
  assert.equal(hex(decodeBase64Url('ZVPxAA==')), '6553f100');
  assert.equal(hex(decodeBase64Url('----_w')), 'fbefbeff');
  assert.equal(hex(decodeBase64Url('++++/w')), 'fbefbeff');
  assert.equal(hex(decodeBase64Url('ZV!!PxAA')), null, 'junk counts toward the padding length');
  assert.equal(hex(decodeBase64Url('ZV!!!!PxAA')), '6553f100');
  assert.equal(hex(decodeBase64Url('ZVPxA')), null, '1 more than a multiple of 4');
  assert.equal(hex(decodeBase64Url('')), '');
});
