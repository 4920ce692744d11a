/**
 * Interop with the real Flask 3.1 over HTTP (issue 3, items 1–2), trust side: key rotation,
 * tampering and expiry must be judged alike by both, and the validly signed cookies Flask
 * answers with HTTP 500 must give Canvass an empty session and a `rejected` event.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SessionCodec } from '../../src/index.js';
import { KeyRing } from '../../src/cookie/keyring.js';
import type { FlaskPeer } from './flask-peer.js';
import { canvass, commitNew, cookieValue, CURRENT, flaskSuite, LIFETIME } from './interop.js';
import { load, nowSeconds, RETIRED } from './interop.js';

const T0 = 1_750_000_000;
const NESTED = { fruits: ['apple', 'banana'], n: { deep: { er: [null, true, { x: [1] }] } } };
const onlyCurrent = new SessionCodec([CURRENT], 'flask');
const onlyRetired = new SessionCodec([RETIRED], 'flask');
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** What Flask (at `path`, on a clock pinned to `now` if given) holds after reading `cookie`. */
async function flaskReads(flask: FlaskPeer, cookie: string, path = '/dump', now?: number) {
  const answer = await flask.get(path, now === undefined ? { cookie } : { cookie, now });
  assert.equal(answer.status, 200, flask.output());
  return { ...(answer.body as { empty: boolean; session: string }), cookie: answer.cookie };
}

/** Flips the high bit of the middle character of segment 0 (payload), 1 (time) or 2 (MAC). */
function tamper(cookie: string, segment: number): string {
  const prefix = cookie.startsWith('.') ? '.' : '';
  const parts = cookie.slice(prefix.length).split('.');
  const part = parts[segment] ?? '';
  const i = Math.floor(part.length / 2);
  const flipped = B64URL[B64URL.indexOf(part.charAt(i)) ^ 32] ?? '';
  parts[segment] = part.slice(0, i) + flipped + part.slice(i + 1);
  return prefix + parts.join('.');
}

flaskSuite('flask-mode keys, tampering and expiry against the real Flask 3.1', (flask) => {
  test('a cookie signed with a retired key verifies on both sides while it is a fallback, and both re-sign it', async () => {
    const fromOld = (await flask.get('/old/set/nested')).cookie ?? '';
    assert.ok(onlyRetired.decode(fromOld, nowSeconds(), LIFETIME).ok, 'signed with the old key');
    const { manager, events } = canvass();
    const session = manager.load(`session=${fromOld}`);
    assert.equal(session.keys().length, 2);
    assert.deepEqual(events, [{ kind: 'fallback-key', keyIndex: 1 }]);
    const ours = cookieValue(manager.commit(session));
    const flasks = (await flaskReads(flask, fromOld, '/resave')).cookie ?? '';
    for (const resigned of [ours, flasks]) {
      assert.ok(onlyCurrent.decode(resigned, nowSeconds(), LIFETIME).ok, resigned);
      assert.equal(onlyRetired.decode(resigned, nowSeconds(), LIFETIME).ok, false);
    }
    const before = canvass({ secrets: [RETIRED] }).manager;
    const check = await flask.get('/check/nested', { cookie: commitNew(before, NESTED) });
    assert.equal((check.body as { ok: boolean }).ok, true, JSON.stringify(check.body));
  });

  test('once the retired key is removed, both refuse what it signed', async () => {
    const fromOld = (await flask.get('/old/set/nested')).cookie ?? '';
    const fromOldCanvass = commitNew(canvass({ secrets: [RETIRED] }).manager, NESTED);
    for (const cookie of [fromOld, fromOldCanvass]) {
      assert.equal((await flaskReads(flask, cookie, '/solo/dump')).empty, true);
      const { manager, events } = canvass({ secrets: [CURRENT] });
      assert.deepEqual(load(manager, cookie), Object.create(null));
      assert.deepEqual(
        events.map((e) => (e.kind === 'rejected' ? e.reason : e.kind)),
        ['bad-signature'],
      );
    }
  });

  test('one character changed in the payload, timestamp or signature makes both refuse the cookie', async () => {
    const cookies = [
      (await flask.get('/set/nested')).cookie ?? '',
      (await flask.get('/set/large-compressible')).cookie ?? '',
      commitNew(canvass().manager, NESTED),
      commitNew(canvass().manager, { answers: Array<string>(300).fill('Maybe') }),
    ];
    // Flask's two are one plain and one compressed cookie (a leading "." flags compression).
    assert.deepEqual(
      cookies.slice(0, 2).map((c) => c.startsWith('.')),
      [false, true],
    );
    for (const cookie of cookies) {
      assert.equal((await flaskReads(flask, cookie)).empty, false, 'the untouched cookie is good');
      for (const bad of [0, 1, 2]
        .map((segment) => tamper(cookie, segment))
        .concat(cookie.slice(1))) {
        assert.equal((await flaskReads(flask, bad)).empty, true, `Flask refuses ${bad}`);
        const { manager, events } = canvass();
        assert.deepEqual(load(manager, bad), Object.create(null), `Canvass refuses ${bad}`);
        assert.equal(events[0]?.kind, 'rejected');
      }
    }
  });

  test('both accept a cookie exactly at the maximum age, and refuse it a second later or dated ahead', async () => {
    const fromFlask = (await flask.get('/set/int', { now: T0 })).cookie ?? '';
    const fromCanvass = commitNew(canvass({ now: T0 }).manager, { a: 1 });
    const cases = [
      [T0 + LIFETIME, true],
      [T0 + LIFETIME + 1, false],
      [T0 - 1, false],
    ] as const;
    for (const [now, accepted] of cases) {
      const { manager, events } = canvass({ now });
      assert.equal(
        Object.keys(load(manager, fromFlask)).length === 1,
        accepted,
        `Canvass at ${now}`,
      );
      assert.deepEqual(
        events.map((e) => e.kind),
        accepted ? [] : ['expired'],
      );
      const read = await flaskReads(flask, fromCanvass, '/dump', now);
      assert.equal(read.empty, !accepted, `Flask at ${now}`);
    }
  });

  test('Flask on its own clock refuses a Canvass cookie signed longer ago than the lifetime', async () => {
    const now = nowSeconds();
    const stale = commitNew(canvass({ now: now - LIFETIME - 60 }).manager, { a: 1 });
    const fresh = commitNew(canvass({ now: now - LIFETIME + 60 }).manager, { a: 1 });
    assert.equal((await flaskReads(flask, stale)).empty, true);
    assert.equal((await flaskReads(flask, fresh)).empty, false);
  });

  test('validly signed cookies Flask answers with HTTP 500 give Canvass an empty session and say why', async () => {
    const now = nowSeconds();
    const ring = new KeyRing([CURRENT], 'sha1', 'cookie-session');
    const tsBytes = Buffer.alloc(4);
    tsBytes.writeUInt32BE(now);
    const ts = tsBytes.toString('base64url');
    const gzipped = `.${gzipSync('{"a":1}').toString('base64url')}.${ts}`;
    const cases: Record<string, string> = {
      'invalid JSON': onlyCurrent.encode('{"x":', now),
      'a list, not a dict': onlyCurrent.encode('[1,2]', now),
      'a bad UUID tag': onlyCurrent.encode('{"x":{" u":"zz"}}', now),
      'a tuple tag on a number': onlyCurrent.encode('{"x":{" t":1}}', now),
      'bytes tag with broken base64': onlyCurrent.encode('{"x":{" b":"A"}}', now),
      'gzip instead of zlib': `${gzipped}.${ring.sign(gzipped)}`,
      'a millisecond timestamp': onlyCurrent.encode('{"a":1}', Date.now()),
    };
    for (const [why, cookie] of Object.entries(cases)) {
      const answer = await flask.get('/dump', { cookie });
      assert.equal(answer.status, 500, `Flask fails on ${why}`);
      const { manager, events } = canvass();
      assert.deepEqual(load(manager, cookie), Object.create(null), why);
      const event = events[0];
      assert.ok(event?.kind === 'rejected' && event.reason === 'bad-payload', why);
      assert.ok(event.detail.length > 0, why);
    }
  });

  test('Flask accepts non-canonical signature spellings that Canvass refuses by design', async () => {
    // spec §6: strict comparison of the canonical base64url MAC; none of these is a forgery.
    const cookie = (await flask.get('/set/int')).cookie ?? '';
    const last = cookie.charAt(cookie.length - 1);
    // The 27th character carries 4 bits of the 20-byte MAC and 2 unused ones.
    const unusedBits = cookie.slice(0, -1) + (B64URL[B64URL.indexOf(last) ^ 1] ?? '');
    for (const variant of [`${cookie}=`, unusedBits]) {
      assert.equal((await flaskReads(flask, variant)).empty, false, variant);
      const { manager, events } = canvass();
      assert.deepEqual(load(manager, variant), Object.create(null));
      assert.equal(events[0]?.kind, 'rejected');
    }
  });
});
