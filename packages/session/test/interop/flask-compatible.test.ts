/**
 * `flaskCompatible: true` against the real Flask 3.1 (issue 19): for every payload kind, the
 * whole `Set-Cookie` line Canvass writes is Flask's, byte for byte (no `_canvass_t`, Flask's
 * attributes and `Expires`), and activity on either side pushes the idle deadline of the other.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SessionEvent } from '../../src/index.js';
import { createSessionManager, SessionCodec } from '../../src/index.js';
import { CURRENT, flaskSuite, LIFETIME, RETIRED } from './interop.js';
import { KINDS } from './kinds.js';

const T0 = 1_750_000_000;

/** A flask-compatible manager on Flask's defaults, with a pinned clock (seconds). */
function compatible(now: number, options: { idleTimeout?: number } = {}) {
  const events: SessionEvent[] = [];
  const manager = createSessionManager({
    flaskCompatible: true,
    secrets: [CURRENT, RETIRED],
    ...options,
    now: () => now * 1000,
    onEvent: (event) => events.push(event),
  });
  return { manager, events };
}

const valueOf = (line: string | undefined) => /^session=([^;]*)/.exec(line ?? '')?.[1] ?? '';

flaskSuite('flaskCompatible writes what the real Flask 3.1 writes', (flask) => {
  const exact: string[] = [];

  for (const [name, kind] of KINDS) {
    if (kind.keyOrder !== undefined) continue;
    test(`the "${name}" session gives Flask's Set-Cookie line, byte for byte`, async () => {
      const answer = await flask.get(`/set/${name}`, { now: T0 });
      assert.equal(answer.status, 200, flask.output());
      const session = compatible(T0).manager.load(undefined);
      for (const [key, value] of Object.entries(kind.set ?? kind.value)) session.set(key, value);
      const ours = compatible(T0).manager.commit(session);
      assert.equal(ours, answer.setCookie);
      exact.push(name);
    });
  }

  test('every kind but the one Python orders differently is an exact vector', (t) => {
    t.diagnostic(`exact (${exact.length}): ${exact.join(' ')}`);
    assert.equal(exact.length, KINDS.size - 1);
  });

  test('the payload holds the session and nothing else: no _canvass_t', () => {
    const { manager } = compatible(T0);
    const session = manager.load(undefined);
    session.set('a', 1);
    const decoded = new SessionCodec([CURRENT], 'flask').decode(
      valueOf(manager.commit(session)),
      T0,
      LIFETIME,
    );
    assert.ok(decoded.ok && decoded.text === '{"a":1}', decoded.ok ? decoded.text : decoded.detail);
  });

  test('Flask re-signing a permanent session on a visit keeps it alive for the Node side', async () => {
    const { manager } = compatible(T0, { idleTimeout: 3600 });
    const session = manager.load(undefined);
    session.permanent = true;
    session.set('user', 'ann');
    const ours = valueOf(manager.commit(session));
    const visit = await flask.get('/dump', { cookie: ours, now: T0 + 3000 });
    assert.equal((visit.body as { empty: boolean }).empty, false);
    const refreshed = visit.cookie ?? '';
    assert.notEqual(refreshed, ours, 'Flask re-signed the permanent session');
    const later = compatible(T0 + 5000, { idleTimeout: 3600 });
    assert.equal(later.manager.load(`session=${refreshed}`).get('user'), 'ann');
    assert.deepEqual(later.events, []);
    const stale = compatible(T0 + 5000, { idleTimeout: 3600 });
    assert.equal(stale.manager.load(`session=${ours}`).get('user'), undefined);
    assert.equal(stale.events[0]?.kind, 'expired');
  });

  test('a visit on the Node side re-signs a permanent session, and Flask counts from it', async () => {
    const set = await flask.get('/set/permanent', { now: T0 });
    const { manager } = compatible(T0 + LIFETIME - 10);
    const visit = manager.load(`session=${set.cookie ?? ''}`);
    assert.equal(visit.get('user'), 'ann');
    const refreshed = valueOf(manager.commit(visit));
    assert.ok(refreshed !== '', 'Node re-signed it');
    const late = await flask.get('/dump', { cookie: refreshed, now: T0 + LIFETIME + 100 });
    assert.equal((late.body as { empty: boolean }).empty, false);
    const original = await flask.get('/dump', {
      cookie: set.cookie ?? '',
      now: T0 + LIFETIME + 100,
    });
    assert.equal((original.body as { empty: boolean }).empty, true);
  });

  test('a browser-session cookie is re-sent only when it changed, as Flask does', () => {
    const { manager } = compatible(T0);
    const session = manager.load(undefined);
    session.set('a', 1);
    const cookie = valueOf(manager.commit(session));
    assert.ok(!/Expires/.test(compatible(T0).manager.commit(session) ?? ''));
    assert.equal(
      compatible(T0 + 600).manager.commit(compatible(T0 + 600).manager.load(`session=${cookie}`)),
      undefined,
    );
  });
});

test('flaskCompatible refuses the options it cannot honour, naming them', () => {
  const base = { secrets: [CURRENT], flaskCompatible: true } as const;
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { absoluteTimeout: 60 },
      /^Session option absoluteTimeout cannot be used with flaskCompatible/,
    ],
    [
      { mode: 'canvass' },
      /^Session option mode must be 'flask' with flaskCompatible \(got 'canvass'\)/,
    ],
    [
      { encryption: 'aes-256-gcm' },
      /^Session option encryption cannot be used with flaskCompatible/,
    ],
    [{ store: { read() {}, write() {}, destroy() {} } }, /^Session option store cannot be used/],
  ];
  for (const [extra, message] of cases) {
    assert.throws(() => createSessionManager({ ...base, ...extra } as never), {
      name: 'TypeError',
      message,
    });
  }
  assert.throws(
    () => createSessionManager({ secrets: [CURRENT], flaskCompatible: 'yes' } as never),
    {
      message: /^Session option flaskCompatible must be/,
    },
  );
});

test('a cookie that carries _canvass_t is read by its signing time and written without it', () => {
  const before = createSessionManager({
    mode: 'flask',
    secrets: [CURRENT],
    permanent: false,
    now: () => T0 * 1000,
  });
  const session = before.load(undefined);
  session.set('a', 1);
  const cookie = valueOf(before.commit(session));
  const { manager } = compatible(T0 + 5);
  const loaded = manager.load(`session=${cookie}`);
  assert.deepEqual(loaded.keys(), ['a']);
  loaded.set('b', 2);
  const decoded = new SessionCodec([CURRENT], 'flask').decode(
    valueOf(manager.commit(loaded)),
    T0 + 5,
    LIFETIME,
  );
  assert.ok(decoded.ok && decoded.text === '{"a":1,"b":2}');
});
