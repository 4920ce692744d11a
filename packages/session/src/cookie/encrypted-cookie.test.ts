import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionCodec } from './codec.js';
import { SEALED_PREFIX } from './encrypted-cookie.js';
import { SessionTooLarge } from '../errors.js';
import { createSessionManager } from '../manager.js';

const OLD = 'old-secret-key-0123456789abcdef-0123456789';
const NEW = 'new-secret-key-0123456789abcdef-0123456789';
const TS = 1_750_000_000;
const DAY = 86_400;
const JSON_TEXT = '{"csrf":"tBbB7LKvN5bjeGdRWqqea8RKhL5-ISOl","user":"alice@example.com"}';
const sealing = (secrets: string[]) => new SessionCodec(secrets, 'canvass', 0, 'aes-256-gcm');

/** Flips one bit of the byte at `index` of the base64url body (the part after the last "."). */
function flip(value: string, index: number): string {
  const dot = value.lastIndexOf('.');
  const body = Buffer.from(value.slice(dot + 1), 'base64url');
  body[index] = (body[index] as number) ^ 1;
  return `${value.slice(0, dot + 1)}${body.toString('base64url')}`;
}

test('an encrypted value opens to the payload, and shows nothing of it', () => {
  const codec = sealing([NEW]);
  const value = codec.encode(JSON_TEXT, TS);
  assert.ok(value.startsWith(SEALED_PREFIX));
  assert.ok(!value.includes('alice') && !Buffer.from(value, 'base64url').includes('alice'));
  const back = codec.decode(value, TS + 10, DAY);
  assert.ok(back.ok && back.text === JSON_TEXT && back.issuedAt === TS && back.keyIndex === 0);
  assert.notEqual(codec.encode(JSON_TEXT, TS), value, 'a fresh nonce every time');
});

test('any changed bit (random, ciphertext, tag or timestamp) is refused as a bad signature', () => {
  const codec = sealing([NEW]);
  const value = codec.encode(JSON_TEXT, TS);
  const bodyLength = Buffer.from(value.slice(value.lastIndexOf('.') + 1), 'base64url').length;
  const tampered = [0, 13, 24, 30, bodyLength - 1].map((i) => flip(value, i));
  const [, , ts = ''] = /^(~1\.)([^.]*)\./.exec(value) ?? [];
  tampered.push(
    value.replace(`.${ts}.`, `.${Buffer.from([0x68, 0x53, 0xf1, 0x00]).toString('base64url')}.`),
  );
  for (const bad of tampered) {
    const result = codec.decode(bad, TS, DAY);
    assert.ok(!result.ok && result.reason === 'bad-signature', bad);
  }
  for (const bad of ['~1.', '~1.AAAA', `${SEALED_PREFIX}ZVPx.A`, `${value}*`]) {
    const result = codec.decode(bad, TS, DAY);
    assert.ok(!result.ok && result.reason === 'malformed', bad);
  }
});

test('rotation: the first secret encrypts, every secret decrypts; a removed key opens nothing', () => {
  const before = sealing([OLD]).encode(JSON_TEXT, TS);
  const rotated = sealing([NEW, OLD]);
  const read = rotated.decode(before, TS, DAY);
  assert.ok(read.ok && read.keyIndex === 1 && read.text === JSON_TEXT);
  const after = rotated.encode(JSON_TEXT, TS);
  assert.ok(sealing([NEW]).decode(after, TS, DAY).ok);
  const wrong = sealing([NEW]).decode(before, TS, DAY);
  assert.ok(!wrong.ok && wrong.reason === 'bad-signature');
  const otherKey = sealing([OLD]).decode(after, TS, DAY);
  assert.ok(!otherKey.ok && otherKey.reason === 'bad-signature');
});

test('the age is checked as for signed cookies, and signed cookies are still read', () => {
  const codec = sealing([NEW]);
  const value = codec.encode(JSON_TEXT, TS);
  assert.ok(codec.decode(value, TS + DAY, DAY).ok);
  const late = codec.decode(value, TS + DAY + 1, DAY);
  assert.ok(!late.ok && late.reason === 'expired');
  const signed = new SessionCodec([NEW], 'canvass', 0).encode(JSON_TEXT, TS);
  assert.ok(codec.decode(signed, TS, DAY).ok, 'turning encryption on logs nobody out');
  assert.ok(new SessionCodec([NEW], 'canvass', 0).decode(value, TS, DAY).ok, 'nor turning it off');
});

test('the manager encrypts, reads back, and keeps to the size budget', () => {
  const manager = createSessionManager({
    secrets: [NEW],
    encryption: 'aes-256-gcm',
    now: () => TS * 1000,
  });
  const session = manager.load(undefined);
  session.set('user', 'alice@example.com');
  const header = manager.commit(session) ?? '';
  assert.match(header, /^session=~1\.[\w-]+\.[\w-]+; Expires=/);
  assert.equal(manager.load(header.split(';')[0]).get('user'), 'alice@example.com');
  // Overhead over the JSON: "~1." + 6 timestamp characters + "." + base64 of 24 + 16 bytes.
  const value = /^session=([^;]*)/.exec(header)?.[1] ?? '';
  const json = Buffer.byteLength(value.slice(value.lastIndexOf('.') + 1), 'base64url') - 40;
  assert.ok(json > 0 && json < 200, `${json} bytes of payload`);
  const big = manager.load(undefined);
  big.set('notes', 'x'.repeat(3000));
  assert.throws(() => manager.commit(big), SessionTooLarge);
});

test('encryption refuses flask mode and unknown algorithms, naming the option', () => {
  assert.throws(
    () => createSessionManager({ secrets: [NEW], mode: 'flask', encryption: 'aes-256-gcm' }),
    {
      name: 'TypeError',
      message: /^Session option encryption cannot be used with mode 'flask'/,
    },
  );
  assert.throws(() => createSessionManager({ secrets: [NEW], encryption: 'rot13' as never }), {
    name: 'TypeError',
    message: /^Session option encryption must be 'aes-256-gcm'/,
  });
});
