import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createSessionManager, SessionCodec, type Session } from '../index.js';
import { SHARE_FROM_READ } from '../cookie/codec.js';
import { dumpTagged } from '../python/tagged-json.js';

const SECRET = 'test-secret-key-of-at-least-32-bytes';
const T0 = 1_700_000_000;

const manager = (recentCookieBytes?: number) =>
  createSessionManager({
    secrets: [SECRET],
    now: () => T0 * 1000,
    ...(recentCookieBytes === undefined ? {} : { recentCookieBytes }),
  });

function cookieOf(setCookie: string | undefined): string {
  const value = /^session=([^;]*)/.exec(setCookie ?? '')?.[1];
  assert.ok(value !== undefined, `a session cookie in ${String(setCookie)}`);
  return `session=${value}`;
}

/** Plain JSON session values: what the shared path shares. */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A change made in place to a value handed out by `get`, as a handler might. */
type Change = { kind: 'push'; item: unknown } | { kind: 'assign'; key: string; item: unknown };
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), item: json }),
  fc.record({ kind: fc.constant('assign' as const), key: fc.string({ maxLength: 4 }), item: json }),
);

function applyChange(session: Session, key: string, what: Change): void {
  const value = session.get(key);
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value) && what.kind === 'push') value.push(what.item);
  else if (!Array.isArray(value) && what.kind === 'assign') {
    (value as Record<string, unknown>)[what.key] = what.item;
  }
}

test('sessions sharing a remembered payload commit exactly what unshared ones do', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), json, { minKeys: 1, maxKeys: 4 }),
      fc.array(fc.tuple(fc.nat(), change, fc.boolean()), {
        minLength: SHARE_FROM_READ + 1,
        maxLength: SHARE_FROM_READ + 5,
      }),
      (data, requests) => {
        const cached = manager();
        const cold = manager(0);
        const first = cached.load(undefined);
        for (const [key, value] of Object.entries(data)) first.set(key, value);
        const cookie = cookieOf(cached.commit(first));
        const keys = Object.keys(data);
        // Several requests carry the same cookie, each changing one value in place (or only
        // peeking at it): none may see another's change, and each commits as if alone.
        for (const [pick, what, peekFirst] of requests) {
          const key = keys[pick % keys.length] ?? '';
          const outcomes = [cached, cold].map((m) => {
            const session = m.load(cookie);
            if (peekFirst) session.peek(key);
            applyChange(session, key, what);
            return m.commit(session);
          });
          assert.equal(outcomes[0], outcomes[1]);
        }
      },
    ),
    { numRuns: process.env.CI ? 500 : 150 },
  );
});

test('a shared value is frozen when peeked, and a request’s own copy once it is got', () => {
  const m = manager();
  const first = m.load(undefined);
  first.set('fruits', ['apple']);
  first.set('nested', { list: [1] });
  const cookie = cookieOf(m.commit(first));
  // The first reads of a value parse it afresh; later ones share.
  for (let i = 1; i < SHARE_FROM_READ; i++) m.load(cookie);
  const reader = m.load(cookie);
  const writer = m.load(cookie);
  const peeked = reader.peek('fruits');
  assert.ok(Object.isFrozen(peeked));
  assert.throws(() => (peeked as string[]).push('pear'), TypeError);
  const own = writer.get('nested') as { list: number[] };
  assert.ok(!Object.isFrozen(own) && !Object.isFrozen(own.list));
  own.list.push(2);
  // Session dictionaries have no prototype.
  const dict = (entries: object) => Object.assign(Object.create(null) as object, entries);
  assert.deepEqual(reader.peek('nested'), dict({ list: [1] }));
  assert.deepEqual(m.load(cookieOf(m.commit(writer))).peek('nested'), dict({ list: [1, 2] }));
});

test('decode gives data of its own; decodeShared shares only plain JSON', () => {
  const codec = new SessionCodec([SECRET]);
  const plain = codec.encode(dumpTagged({ list: [1], n: 1 }), T0);
  for (let i = 1; i < SHARE_FROM_READ; i++) {
    const early = codec.decodeShared(plain, T0, 60);
    assert.ok(early.ok && early.shared === undefined, 'the first reads are not shared');
  }
  const [a, b] = [codec.decodeShared(plain, T0, 60), codec.decodeShared(plain, T0, 60)];
  assert.ok(a.ok && b.ok && a.shared !== undefined);
  assert.notEqual(a.data, b.data);
  assert.equal(a.data.list, b.data.list);
  const own = codec.decode(plain, T0, 60);
  assert.ok(own.ok && own.shared === undefined && !Object.isFrozen(own.data.list));
  // A Python tuple (or any other tagged value) is parsed afresh for every request.
  const tagged = codec.encode('{"pair":{" t":[1,2]}}', T0);
  for (let i = 1; i < SHARE_FROM_READ; i++) codec.decodeShared(tagged, T0, 60);
  const fresh = codec.decodeShared(tagged, T0, 60);
  assert.ok(fresh.ok && fresh.shared === undefined);
  assert.notEqual(fresh.data.pair, (codec.decodeShared(tagged, T0, 60) as typeof fresh).data.pair);
});
