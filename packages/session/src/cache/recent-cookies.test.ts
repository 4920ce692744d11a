import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SessionCodec, type DecodeResult } from '../cookie/codec.js';
import { RecentCookies } from './recent-cookies.js';
import { dumpTagged } from '../python/tagged-json.js';

const SECRET = 'a-secret-key-that-is-at-least-32-bytes-long';
const TS = 1_700_000_000;
const DAY = 86_400;

/** Everything a decode says, in a comparable form. */
function outcome(result: DecodeResult) {
  return result.ok
    ? { ok: true, data: dumpTagged(result.data), text: result.text, key: result.keyIndex }
    : { ok: false, reason: result.reason, detail: result.detail };
}

test('a value the codec signed or verified decodes exactly as a codec that remembers nothing', () => {
  const payload = fc.dictionary(
    fc.string({ maxLength: 6 }),
    fc.oneof(fc.string({ maxLength: 700 }), fc.integer(), fc.array(fc.integer())),
    { maxKeys: 5 },
  );
  fc.assert(
    fc.property(
      fc.constantFrom<'canvass' | 'flask'>('canvass', 'flask'),
      payload,
      fc.array(fc.integer({ min: -2 * DAY, max: 2 * DAY }), { minLength: 1, maxLength: 4 }),
      (mode, data, offsets) => {
        const remembering = new SessionCodec([SECRET], mode);
        const cold = new SessionCodec([SECRET], mode, 0);
        const value = remembering.encode(dumpTagged(data), TS);
        for (const offset of offsets) {
          const now = TS + offset;
          assert.deepEqual(
            outcome(remembering.decode(value, now, DAY)),
            outcome(cold.decode(value, now, DAY)),
          );
        }
      },
    ),
    { numRuns: process.env.CI ? 500 : 150 },
  );
});

test('a remembered value is still refused once it expires, and before it was signed', () => {
  const codec = new SessionCodec([SECRET]);
  const value = codec.encode('{"a":1}', TS);
  assert.ok(codec.decode(value, TS + DAY, DAY).ok);
  const late = codec.decode(value, TS + DAY + 1, DAY);
  assert.ok(!late.ok && late.reason === 'expired');
  const early = codec.decode(value, TS - 1, DAY);
  assert.ok(!early.ok && early.reason === 'expired');
});

test('every decode of a remembered value gets its own data', () => {
  const codec = new SessionCodec([SECRET]);
  const value = codec.encode(dumpTagged({ list: [1], nested: { a: 'x' } }), TS);
  const first = codec.decode(value, TS, DAY);
  assert.ok(first.ok);
  (first.data.list as number[]).push(2);
  (first.data.nested as Record<string, string>).a = 'changed';
  const second = codec.decode(value, TS, DAY);
  assert.ok(second.ok);
  assert.deepEqual(second.data.list, [1]);
  assert.equal((second.data.nested as Record<string, string>).a, 'x');
});

test('a value verified once is remembered; tampering with it is never a hit', () => {
  const signer = new SessionCodec([SECRET], 'canvass', 0);
  const value = signer.encode('{"user":"alice"}', TS);
  const reader = new SessionCodec([SECRET]);
  assert.ok(reader.decode(value, TS, DAY).ok);
  const forged = `${Buffer.from('{"user":"admin"}').toString('base64url')}${value.slice(value.indexOf('.'))}`;
  const result = reader.decode(forged, TS, DAY);
  assert.ok(!result.ok && result.reason === 'bad-signature');
  for (let i = 0; i < value.length; i++) {
    const flipped = value.slice(0, i) + (value[i] === 'A' ? 'B' : 'A') + value.slice(i + 1);
    if (flipped !== value) assert.equal(reader.decode(flipped, TS, DAY).ok, false, `char ${i}`);
  }
});

test('a fallback key is still reported for a remembered value', () => {
  const old = new SessionCodec(['an-older-secret-that-is-32-bytes-or-more'], 'canvass', 0);
  const value = old.encode('{"a":1}', TS);
  const ring = new SessionCodec([SECRET, 'an-older-secret-that-is-32-bytes-or-more']);
  for (let i = 0; i < 2; i++) {
    const result = ring.decode(value, TS, DAY);
    assert.ok(result.ok && result.keyIndex === 1);
  }
});

test('remembers within its budget, oldest out first, and nothing with a budget of 0', () => {
  const recent = new RecentCookies(100);
  const entry = (text: string) => ({ text, keyIndex: 0, issuedAt: TS });
  recent.remember('a'.repeat(30), entry('x'.repeat(10)), false);
  recent.remember('b'.repeat(30), entry('x'.repeat(10)), false);
  assert.equal(recent.count, 2);
  recent.remember('c'.repeat(30), entry('x'.repeat(10)), false);
  assert.equal(recent.count, 2);
  assert.equal(recent.get('a'.repeat(30)), undefined);
  assert.ok(recent.get('c'.repeat(30)));
  recent.remember('d'.repeat(200), entry(''), true);
  assert.equal(recent.get('d'.repeat(200)), undefined, 'larger than the whole budget');
  const none = new RecentCookies(0);
  none.remember('a', entry('{}'), true);
  assert.equal(none.count, 0);
});

test('over many values, keeps the newest within its budget', () => {
  const recent = new RecentCookies(1000);
  const value = (i: number) => `payload-${i}.ts.mac-${i}`;
  for (let i = 0; i < 20_000; i++) {
    assert.ok(
      recent.remember(value(i), { text: 'x'.repeat(20), keyIndex: 0, issuedAt: TS }, false),
    );
  }
  // Each entry costs its value plus twice its payload: 60 to 64 characters here.
  assert.ok(recent.count >= 15 && recent.count <= 16, `count ${recent.count}`);
  assert.ok(recent.get(value(19_999)));
  assert.ok(recent.get(value(19_985)));
  assert.equal(recent.get(value(19_980)), undefined);
  assert.equal(recent.get(value(0)), undefined);
});

test('values that share a key take each other’s place and are never taken for each other', () => {
  const recent = new RecentCookies(10_000);
  const entry = { text: '{}', keyIndex: 0, issuedAt: TS };
  // Same length and same last six characters: the same key.
  const first = `first-payload.ts.${'M'.repeat(37)}abcdef`;
  const second = `secnd-payload.ts.${'M'.repeat(37)}abcdef`;
  assert.ok(recent.remember(first, entry, false));
  assert.ok(recent.get(first));
  assert.equal(recent.get(second), undefined, 'a shared key is not a match');
  assert.ok(recent.remember(second, entry, false));
  assert.equal(recent.count, 1);
  assert.equal(recent.get(first), undefined);
  assert.ok(recent.get(second));
});
