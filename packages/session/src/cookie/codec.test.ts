import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { COMPRESS_FROM, flaskDeflate, SessionCodec } from './codec.js';
import { KeyRing } from './keyring.js';
import { dumpTagged } from '../python/tagged-json.js';

const { flask } = JSON.parse(
  readFileSync(new URL('../../test/fixtures/python-vectors.json', import.meta.url), 'utf8'),
) as { flask: Record<string, { json: string; cookie: string; compressed: boolean }> };

const SECRET = 'dev-secret-key';
const TS = 1700000000;
const DAY = 86_400;
const flaskCodec = new SessionCodec([SECRET], 'flask');

/** Signs an arbitrary `payload.ts` value with the Flask key, as a buggy signer of ours might. */
function signRaw(value: string): string {
  return `${value}.${new KeyRing([SECRET], 'sha1', 'cookie-session').sign(value)}`;
}

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');
const TS_SEG = b64(Uint8Array.from([0x65, 0x53, 0xf1, 0x00]));

test('signs the spec example exactly as Flask 3.1 does', () => {
  assert.equal(flaskCodec.encode('{"a":1}', TS), 'eyJhIjoxfQ.ZVPxAA.tnwKd8EGenglSGAk3sS75AOJh7w');
});

test('writes every Flask vector byte for byte, compressed ones included, and reads every vector', () => {
  for (const [name, vector] of Object.entries(flask)) {
    assert.equal(flaskCodec.encode(vector.json, TS), vector.cookie, name);
    const result = flaskCodec.decode(vector.cookie, TS, 31 * DAY);
    assert.ok(result.ok, name);
    assert.equal(result.text, vector.json, name);
    assert.equal(dumpTagged(result.data), vector.json, name);
    assert.equal(result.issuedAt, TS);
    // What Node compresses decodes to the same payload, whichever side of the threshold.
    const again = flaskCodec.decode(flaskCodec.encode(vector.json, TS), TS, DAY);
    assert.ok(again.ok && again.text === vector.json, name);
  }
});

test('flask mode compresses exactly when CPython zlib saves at least 2 bytes', () => {
  assert.ok(!flaskCodec.encode('{"k":"ahov2ahov2ahov2"}', TS).startsWith('.'));
  assert.ok(flaskCodec.encode('{"k":"ahov2ahov2ahov2a"}', TS).startsWith('.'));
  // Found by the interop suite: CPython saves 1 byte here (Flask sends it plain), Node's own
  // zlib saves 3. Flask mode must follow CPython, or the cookie is not Flask's.
  const flip = dumpTagged({ aac: '0dha', abzba: '"a\ncb', b: 'b"\n', byaab: '\\ 0\\é' });
  assert.ok(
    deflateSync(Buffer.from(flip)).length < flip.length - 1,
    'Node zlib alone would compress',
  );
  assert.ok(!flaskCodec.encode(flip, TS).startsWith('.'));
});

test('canvass mode compresses only sessions of COMPRESS_FROM (2560) bytes or more', () => {
  const canvass = new SessionCodec([SECRET]);
  const small = JSON.stringify({ k: 'ahov2'.repeat(505) });
  assert.ok(small.length < COMPRESS_FROM);
  assert.ok(!canvass.encode(small, TS).startsWith('.'), 'a small session is never compressed');
  const large = JSON.stringify({ k: 'ahov2'.repeat(520) });
  assert.ok(large.length >= COMPRESS_FROM);
  assert.ok(canvass.encode(large, TS).startsWith('.'), 'a large compressible session is');
  for (const json of [small, large]) {
    const back = canvass.decode(canvass.encode(json, TS), TS, DAY);
    assert.ok(back.ok && back.text === json);
  }
});

test('canvass mode uses HMAC-SHA256 in the same layout, and the two modes reject each other', () => {
  const canvass = new SessionCodec([SECRET]);
  const cookie = canvass.encode('{"a":1}', TS);
  assert.match(cookie, /^eyJhIjoxfQ\.ZVPxAA\.[A-Za-z0-9_-]{43}$/);
  assert.ok(canvass.decode(cookie, TS, DAY).ok);
  assert.equal(flaskCodec.decode(cookie, TS, DAY).ok, false);
  assert.equal(canvass.decode(flask.int?.cookie ?? '', TS, DAY).ok, false);
});

test('writes timestamps in seconds, minimal big-endian: 0 is an empty segment', () => {
  assert.equal(flaskCodec.encode('{"a":1}', 200).split('.')[1], 'yA');
  assert.equal(flaskCodec.encode('{"a":1}', 2 ** 32 + 5).split('.')[1], 'AQAAAAU');
  const zero = flaskCodec.encode('{"a":1}', 0);
  assert.match(zero, /^eyJhIjoxfQ\.\./);
  assert.ok(flaskCodec.decode(zero, 0, DAY).ok);
  assert.throws(() => flaskCodec.encode('{}', 1.5), RangeError);
});

test('accepts a cookie up to and including maxAge, then reports it expired; a future one too', () => {
  const cookie = flaskCodec.encode('{"a":1}', TS);
  assert.ok(flaskCodec.decode(cookie, TS + DAY, DAY).ok);
  assert.deepEqual(pick(flaskCodec.decode(cookie, TS + DAY + 1, DAY)), 'expired');
  assert.deepEqual(pick(flaskCodec.decode(cookie, TS - 1, DAY)), 'expired');
});

function pick(result: ReturnType<SessionCodec['decode']>): string {
  return result.ok ? 'ok' : result.reason;
}

test('rejects tampered, truncated, foreign and garbage cookies without throwing', () => {
  const cookie = flaskCodec.encode('{"a":1}', TS);
  const foreign = new SessionCodec(['another-secret'], 'flask').encode('{"a":1}', TS);
  const cases: [string, string][] = [
    [`${cookie}x`, 'bad-signature'],
    [cookie.slice(0, -1), 'bad-signature'],
    [cookie.slice(0, 20), 'bad-signature'],
    [`eyJhIjoyfQ${cookie.slice(10)}`, 'bad-signature'],
    [foreign, 'bad-signature'],
    ['garbage', 'malformed'],
    ['', 'malformed'],
    ['...', 'bad-signature'],
    ['.eJw.x.y', 'bad-signature'],
    ['\u0000\uffff.\ud800.é', 'bad-signature'],
  ];
  for (const [value, reason] of cases)
    assert.equal(pick(flaskCodec.decode(value, TS, DAY)), reason, value);
});

test('refuses the malleable signature spellings Python would accept (strict comparison)', () => {
  const cookie = flaskCodec.encode('{"a":1}', TS);
  const sig = cookie.slice(cookie.lastIndexOf('.') + 1);
  const value = cookie.slice(0, cookie.lastIndexOf('.'));
  const variants = [
    `${sig}=`,
    `${sig.slice(0, 4)}!!!!${sig.slice(4)}`,
    `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`,
  ];
  if (/[-_]/.test(sig)) variants.push(sig.replace(/-/g, '+').replace(/_/g, '/'));
  for (const variant of variants) {
    assert.equal(pick(flaskCodec.decode(`${value}.${variant}`, TS, DAY)), 'bad-signature', variant);
  }
});

test('verifies with fallback keys and reports which one', () => {
  const old = new SessionCodec(['old-key'], 'flask').encode('{"a":1}', TS);
  const ring = new SessionCodec(['new-key', 'older-key', 'old-key'], 'flask');
  const result = ring.decode(old, TS, DAY);
  assert.ok(result.ok);
  assert.equal(result.keyIndex, 2);
  const fresh = ring.encode('{"a":1}', TS);
  assert.ok(
    new SessionCodec(['new-key'], 'flask').decode(fresh, TS, DAY).ok,
    'the first key signs',
  );
});

test('reports a validly signed but unreadable payload as bad-payload, never throwing', () => {
  const json = Buffer.from('{"a":1}');
  const bad = [
    `.${b64(gzipSync(json))}`,
    `.${b64(deflateRawSync(json))}`,
    `.${b64('not zlib')}`,
    b64('{"a":'),
    b64('[1,2]'),
    b64('"ab"'),
    b64('1'),
    b64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json])),
    b64(Buffer.from([0x7b, 0xff, 0x7d])),
    b64('{"x":{" b":"A"}}'),
    `.${b64(deflateSync(Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)))}`,
    `.${b64(deflateSync(Buffer.from(`${'['.repeat(200_000)}1.5${']'.repeat(200_000)}`)))}`,
    `.${b64(deflateSync(Buffer.alloc(2 << 20, 0x20)))}`,
    'e',
  ];
  for (const payload of bad) {
    assert.equal(
      pick(flaskCodec.decode(signRaw(`${payload}.${TS_SEG}`), TS, DAY)),
      'bad-payload',
      payload,
    );
  }
  // A millisecond timestamp is a signer bug, not an expiry (in Flask it is an HTTP 500).
  const ms = b64(Uint8Array.from(Buffer.from((TS * 1000).toString(16).padStart(12, '0'), 'hex')));
  assert.equal(pick(flaskCodec.decode(signRaw(`${b64('{}')}.${ms}`), TS, DAY)), 'bad-payload');
  assert.equal(pick(flaskCodec.decode(signRaw(b64('{}')), TS, DAY)), 'malformed');
  assert.equal(
    pick(flaskCodec.decode(signRaw(`${b64('{}')}.${b64(new Uint8Array(9))}`), TS, DAY)),
    'malformed',
  );
});

test('reads what Python builds a session from: null, [] and pairs, and non-canonical JSON', () => {
  const cases: [string, string][] = [
    ['null', '{}'],
    ['[]', '{}'],
    ['[["b",2],["a",1]]', '{"a":1,"b":2}'],
    ['{ "b": 1, "a": "é" }', '{"a":"\\u00e9","b":1}'],
  ];
  for (const [json, canonical] of cases) {
    const result = flaskCodec.decode(signRaw(`${b64(json)}.${TS_SEG}`), TS, DAY);
    assert.ok(result.ok, json);
    assert.equal(dumpTagged(result.data), canonical);
    assert.equal(result.text, json);
  }
});

test('flask mode compresses by the exact zlib 1.2 rule, with the bytes flaskDeflate gives', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc
      .array(fc.constantFrom('a', 'b', 'ab', '"', '\\', 'é', '0', 'xyz', ' '), { maxLength: 200 })
      .map((a) => a.join('')),
  );
  const session = fc.dictionary(
    fc.string({ maxLength: 8 }),
    fc.oneof(text, fc.integer(), fc.array(fc.integer())),
    {
      maxKeys: 8,
    },
  );
  fc.assert(
    fc.property(session, (data) => {
      const json = dumpTagged(data);
      const exact = flaskDeflate(Buffer.from(json));
      const cookie = flaskCodec.encode(json, TS);
      assert.equal(cookie.startsWith('.'), exact !== undefined, json);
      if (exact !== undefined)
        assert.ok(cookie.startsWith(`.${Buffer.from(exact).toString('base64url')}.`));
    }),
    { numRuns: 3000 },
  );
});

test('reads back every signing time it writes, from 0 to the last second Python can date', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 253402300799 }), (issuedAt) => {
      const result = flaskCodec.decode(flaskCodec.encode('{"a":1}', issuedAt), issuedAt, 0);
      assert.ok(result.ok && result.issuedAt === issuedAt, String(issuedAt));
    }),
    { numRuns: 2000 },
  );
});
