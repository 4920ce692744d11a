import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { z } from 'zod';
import type { SessionEvent, SessionManagerOptions } from './index.js';
import {
  createSessionManager,
  InvalidSessionWrite,
  MissingSessionKey,
  SessionCodec,
  SessionTooLarge,
} from './index.js';

const SECRET = 'test-secret-key-of-at-least-32-bytes';
const T0 = 1_700_000_000;

/** A manager with a settable clock (seconds) and a list of the events it reported. */
function setup(options: Partial<Omit<SessionManagerOptions, 'store'>> = {}) {
  const clock = { now: T0 };
  const events: SessionEvent[] = [];
  const manager = createSessionManager({
    secrets: [SECRET],
    now: () => clock.now * 1000,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { manager, clock, events };
}

function cookieOf(setCookie: string | undefined): string {
  const value = /^session=([^;]*)/.exec(setCookie ?? '')?.[1];
  assert.ok(value !== undefined, `a session cookie in ${String(setCookie)}`);
  return `session=${value}`;
}

test('a new session that nobody writes sends no cookie', () => {
  const { manager } = setup();
  const session = manager.load(undefined);
  assert.equal(session.get('x'), undefined);
  assert.equal(manager.commit(session), undefined);
  assert.equal(session.accessed, true);
});

test('writes HttpOnly, SameSite=Lax, Path=/, Expires and Max-Age for permanent sessions', () => {
  const { manager } = setup();
  const session = manager.load(undefined);
  session.set('fav-num', 42);
  const header = manager.commit(session);
  assert.match(
    header ?? '',
    /^session=[\w.-]+; Expires=Thu, 14 Dec 2023 22:13:20 GMT; Max-Age=2592000; HttpOnly; Path=\/; SameSite=Lax$/,
  );
  assert.match(manager.commit(session, { secure: true }) ?? '', /; Secure; HttpOnly;/);
  const always = setup({ secure: true }).manager;
  const other = always.load(undefined);
  other.set('a', 1);
  assert.match(always.commit(other) ?? '', /; Secure;/);
});

test('non-permanent sessions get a browser-session cookie without Expires or Max-Age', () => {
  const { manager } = setup({ permanent: false });
  const session = manager.load(undefined);
  session.set('a', 1);
  assert.doesNotMatch(manager.commit(session) ?? '', /Expires|Max-Age/);
});

test('round-trips a session through the cookie', () => {
  const { manager } = setup();
  const first = manager.load(undefined);
  first.set('fav-num', 42);
  first.set('fruits', ['apple']);
  const second = manager.load(`other=1; ${cookieOf(manager.commit(first))}`);
  assert.equal(second.require('fav-num'), 42);
  assert.deepEqual(second.get('fruits'), ['apple']);
});

test('saves a list appended to in place, without reassigning it', () => {
  const { manager } = setup();
  const first = manager.load(undefined);
  first.set('fruits', ['apple']);
  const cookie = cookieOf(manager.commit(first));
  const second = manager.load(cookie);
  (second.get('fruits') as string[]).push('cherry');
  const third = manager.load(cookieOf(manager.commit(second)));
  assert.deepEqual(third.get('fruits'), ['apple', 'cherry']);
});

test('an object read but left unchanged, or only primitives read, sends no cookie', () => {
  const { manager } = setup();
  const first = manager.load(undefined);
  first.set('fruits', ['apple']);
  first.set('n', 1);
  const cookie = cookieOf(manager.commit(first));
  const primitives = manager.load(cookie);
  assert.equal(primitives.get('n'), 1);
  assert.equal(manager.commit(primitives), undefined);
  const objects = manager.load(cookie);
  assert.deepEqual(objects.get('fruits'), ['apple']);
  assert.equal(manager.commit(objects), undefined);
});

test('re-issues an unchanged session only in the last half of its idle window', () => {
  const { manager, clock } = setup({ idleTimeout: 3600 });
  const first = manager.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(manager.commit(first));
  for (let s = 0; s < 1800; s += 300) {
    clock.now = T0 + s;
    assert.equal(manager.commit(manager.load(cookie)), undefined, `${s} s after the last visit`);
  }
  clock.now = T0 + 1800;
  const refreshed = manager.commit(manager.load(cookie));
  assert.match(refreshed ?? '', /Max-Age=3600/);
  assert.notEqual(cookieOf(refreshed), cookie);
});

test('never re-issues for activity when the absolute lifetime is what ends the session', () => {
  const { manager, clock } = setup();
  const first = manager.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(manager.commit(first));
  clock.now += 2_000_000;
  assert.equal(manager.commit(manager.load(cookie)), undefined);
});

test('refreshEachRequest true refreshes every time; false never; non-permanent too', () => {
  for (const [options, expected] of [
    [{ refreshEachRequest: true }, true],
    [{ refreshEachRequest: false }, false],
    [{ refreshEachRequest: { afterSeconds: 10 } }, true],
    [{ refreshEachRequest: { afterSeconds: 11 } }, false],
    // The idle deadline is enforced on the server, so a browser-session cookie needs it too.
    [{ permanent: false, refreshEachRequest: true }, true],
  ] as const) {
    const { manager, clock } = setup({ idleTimeout: 600, ...options });
    const first = manager.load(undefined);
    first.set('a', 1);
    const cookie = cookieOf(manager.commit(first));
    clock.now += 10;
    assert.equal(
      manager.commit(manager.load(cookie)) !== undefined,
      expected,
      JSON.stringify(options),
    );
  }
});

test('clearing a session deletes the cookie; an empty untouched one sends nothing', () => {
  const { manager } = setup();
  const first = manager.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(manager.commit(first));
  const second = manager.load(cookie);
  second.clear();
  assert.equal(
    manager.commit(second),
    'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/; SameSite=Lax',
  );
  const emptied = manager.load(cookie);
  emptied.delete('a');
  assert.match(manager.commit(emptied) ?? '', /^session=; /);
});

test('a flash is shown once: set, read on the next page, then gone without another read', () => {
  const { manager } = setup();
  const first = manager.load(undefined);
  first.set('progress', 1);
  first.flash('Invalid question id: 3.', 'error');
  const second = manager.load(cookieOf(manager.commit(first)));
  assert.deepEqual(second.consumeFlashes(), [
    { category: 'error', message: 'Invalid question id: 3.' },
  ]);
  const third = manager.load(cookieOf(manager.commit(second)));
  assert.deepEqual(third.consumeFlashes(), []);
  assert.equal(manager.commit(third), undefined);
});

test('bad cookies give an empty session and an event, never a throw', () => {
  const { manager, clock, events } = setup();
  const first = manager.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(manager.commit(first));
  const foreign = setup({ secrets: ['another-secret-of-at-least-32-bytes'] }).manager;
  const other = foreign.load(undefined);
  other.set('a', 1);
  const headers = [
    `${cookie}x`,
    cookie.slice(0, -5),
    'session=garbage',
    'session=...',
    cookieOf(foreign.commit(other)),
    'session="\\"',
  ];
  for (const header of headers) {
    const session = manager.load(header);
    assert.deepEqual(session.keys(), [], header);
    assert.equal(manager.commit(session), undefined);
  }
  assert.deepEqual(
    events.map((e) => (e.kind === 'rejected' ? e.reason : e.kind)),
    ['bad-signature', 'bad-signature', 'malformed', 'bad-signature', 'bad-signature', 'malformed'],
  );
  events.length = 0;
  clock.now += 2592001;
  assert.deepEqual(manager.load(cookie).keys(), []);
  clock.now = T0 - 1;
  assert.deepEqual(manager.load(cookie).keys(), []);
  assert.deepEqual(
    events.map((e) => (e.kind === 'expired' ? e.which : e.kind)),
    ['max-age', 'max-age'],
  );
  assert.deepEqual(manager.load('session=').keys(), []);
  assert.deepEqual(manager.load('').keys(), []);
  assert.equal(events.length, 2, 'a missing cookie is not an event');
});

test('a cookie under a fallback key is accepted, reported, and re-signed with the current key', () => {
  const [oldKey, newKey] = ['old-secret'.padEnd(32, '-'), 'new-secret'.padEnd(32, '-')];
  const before = setup({ secrets: [oldKey] }).manager;
  const first = before.load(undefined);
  first.set('a', 1);
  const original = before.commit(first, { secure: true }) ?? '';
  const { manager, events, clock } = setup({ secrets: [newKey, oldKey] });
  clock.now += 100;
  const session = manager.load(cookieOf(original));
  assert.equal(session.get('a'), 1);
  assert.deepEqual(events, [{ kind: 'fallback-key', keyIndex: 1 }]);
  const reissued = manager.commit(session, { secure: true }) ?? '';
  // Every attribute is kept, the expiry included: keygrip-style re-signing drops them.
  const attributes = (line: string) => line.slice(line.indexOf(';')).replace(/Max-Age=\d+/, '');
  assert.equal(attributes(reissued), attributes(original));
  assert.match(reissued, /; Max-Age=2591900; Secure; HttpOnly; Path=\/; SameSite=Lax$/);
  const currentOnly = setup({ secrets: [newKey], now: () => clock.now * 1000 }).manager;
  assert.equal(currentOnly.load(cookieOf(reissued)).get('a'), 1);
  assert.notEqual(cookieOf(reissued), cookieOf(original));
});

test('refuses to write a Set-Cookie line over 4093 bytes, with the size', () => {
  const { manager, events } = setup();
  const session = manager.load(undefined);
  // Random text defeats compression, so the cookie grows with it.
  session.set('blob', randomBytes(3500).toString('base64'));
  assert.throws(
    () => manager.commit(session),
    (error: unknown) =>
      error instanceof SessionTooLarge && error.size > 4093 && error.limit === 4093,
  );
  assert.deepEqual(
    { ...events[0], size: 0 },
    {
      kind: 'oversize',
      size: 0,
      limit: 4093,
      action: 'threw',
    },
  );
  session.set('blob', 'small');
  assert.ok((manager.commit(session) ?? '').length < 300);
});

test('measures the whole Set-Cookie line against the limit, inclusively', () => {
  const size = (setup().manager.commit(sessionWith(setup().manager)) ?? '').length;
  assert.ok(setup({ maxCookieSize: size }).manager.commit(sessionWith(setup().manager)));
  const tight = setup({ maxCookieSize: size - 1 }).manager;
  assert.throws(() => tight.commit(sessionWith(tight)), SessionTooLarge);
});

function sessionWith(manager: ReturnType<typeof setup>['manager']) {
  const session = manager.load(undefined);
  session.set('a', 'x'.repeat(50));
  return session;
}

test('checks options once, at construction', () => {
  assert.throws(() => createSessionManager({ secrets: [] }), TypeError);
  assert.throws(() => createSessionManager({ secrets: [''] }), TypeError);
  assert.throws(() => createSessionManager({ secrets: [SECRET], cookieName: 'a b' }), TypeError);
  assert.throws(() => createSessionManager({ secrets: [SECRET], maxAge: 0 }), RangeError);
  assert.throws(() => createSessionManager({ secrets: [SECRET], maxAge: 1.5 }), RangeError);
  assert.throws(() => createSessionManager({ secrets: [SECRET], idleTimeout: -1 }), RangeError);
});

test('carries created and last-seen times in the signed payload, under _canvass_t', () => {
  const { manager } = setup();
  const session = manager.load(undefined);
  session.set('a', 1);
  const value = cookieOf(manager.commit(session)).slice('session='.length);
  const decoded = new SessionCodec([SECRET]).decode(value, T0, 10);
  assert.ok(decoded.ok);
  // The default mode writes the dict in its own order (SPEC.md, Payload): data, then times.
  assert.equal(decoded.text, `{"a":1,"_canvass_t":[${T0},${T0}],"_permanent":true}`);
  assert.deepEqual(manager.load(`session=${value}`).keys(), ['a'], 'the times are not data');
});

test('an idle session expires on the server, even when its cookie is not permanent', () => {
  const { manager, clock, events } = setup({ permanent: false, idleTimeout: 600 });
  const session = manager.load(undefined);
  session.set('a', 1);
  const cookie = cookieOf(manager.commit(session));
  clock.now += 600;
  assert.equal(manager.load(cookie).get('a'), 1);
  clock.now += 1;
  assert.equal(manager.load(cookie).get('a'), undefined);
  assert.deepEqual(
    events.map((e) => e.kind === 'expired' && e.which),
    ['idle'],
  );
});

test('an active session still ends at its absolute lifetime', () => {
  const { manager, clock, events } = setup({ idleTimeout: 600, absoluteTimeout: 1000 });
  const first = manager.load(undefined);
  first.set('a', 1);
  let cookie = cookieOf(manager.commit(first));
  for (let visit = 0; visit < 3; visit++) {
    clock.now += 300;
    const session = manager.load(cookie);
    assert.equal(session.get('a'), 1, `visit ${visit}`);
    const header = manager.commit(session);
    if (header !== undefined) cookie = cookieOf(header);
  }
  clock.now += 101;
  assert.equal(manager.load(cookie).get('a'), undefined);
  assert.deepEqual(events.at(-1), {
    kind: 'expired',
    which: 'absolute',
    detail: 'created 1001 s ago',
  });
});

test('a cookie without _canvass_t (written by Flask) counts from its signing time', () => {
  const codec = new SessionCodec([SECRET]);
  const cookie = `session=${codec.encode('{"a":1}', T0)}`;
  const { manager, clock } = setup({ idleTimeout: 600, absoluteTimeout: 1000 });
  clock.now += 600;
  assert.equal(manager.load(cookie).get('a'), 1);
  clock.now += 1;
  assert.equal(manager.load(cookie).get('a'), undefined);
});

test('regenerate starts a new absolute lifetime, keeping the data', () => {
  const { manager, clock } = setup({ absoluteTimeout: 1000 });
  const first = manager.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(manager.commit(first));
  clock.now += 900;
  const session = manager.load(cookie);
  session.regenerate();
  const renewed = cookieOf(manager.commit(session));
  clock.now += 900;
  assert.equal(manager.load(renewed).get('a'), 1);
  assert.equal(manager.load(cookie).get('a'), undefined);
});

test('with onOversize drop, an oversize change is reported and no cookie is sent', () => {
  const { manager, events } = setup({ onOversize: 'drop' });
  const session = manager.load(undefined);
  session.set('blob', randomBytes(3500).toString('base64'));
  assert.equal(manager.commit(session), undefined);
  assert.equal(events[0]?.kind === 'oversize' && events[0].action, 'dropped');
});

const schema = z.object({ userId: z.string().optional(), visits: z.number().int().optional() });

test('a typed session reads through its schema; one that fails it is empty and reported', () => {
  const { manager, events } = setup();
  const typed = createSessionManager({
    secrets: [SECRET],
    schema,
    now: () => T0 * 1000,
    onEvent: (e) => events.push(e),
  });
  const good = typed.load(undefined);
  good.set('visits', 1);
  good.flash('Flask keys are not shown to the schema');
  const visits: number | undefined = good.get('visits');
  assert.equal(visits, 1);
  assert.equal(typed.load(cookieOf(typed.commit(good))).get('visits'), 1);
  const wrong = manager.load(undefined);
  wrong.set('visits', 'many');
  const loaded = typed.load(cookieOf(manager.commit(wrong)));
  assert.deepEqual(loaded.keys(), []);
  assert.equal(events.at(-1)?.kind, 'invalid');
  assert.throws(() => loaded.require('userId'), MissingSessionKey);
});

test('in development a set the schema refuses throws there, naming the key, and changes nothing', () => {
  const typed = createSessionManager({ secrets: [SECRET], schema, now: () => T0 * 1000 });
  const session = typed.load(undefined);
  session.set('visits', 1);
  assert.throws(
    () => {
      session.set('visits', 'oops' as unknown as number);
    },
    (error: unknown) =>
      error instanceof InvalidSessionWrite &&
      error.key === 'visits' &&
      /expected number/i.test(error.detail) &&
      /refuses this value for "visits": .*discard the whole session/.test(error.message),
  );
  assert.equal(session.get('visits'), 1, 'the refused value was not stored');
  assert.equal(typed.load(cookieOf(typed.commit(session))).get('visits'), 1);
});

test('the write check blames only the key written: a half-built session may still miss others', () => {
  const strict = z.object({ userId: z.string(), role: z.enum(['admin', 'owner']) });
  const typed = createSessionManager({ secrets: [SECRET], schema: strict });
  const session = typed.load(undefined);
  session.set('userId', 'u1');
  session.set('role', 'admin');
  assert.throws(() => session.delete('userId'), InvalidSessionWrite);
  assert.throws(() => {
    session.set('role', 'guest' as 'admin');
  }, /"role"/);
  session.flash('internal keys are never shown to the schema', 'warning');
  session.permanent = false;
  assert.deepEqual(
    typed
      .load(cookieOf(typed.commit(session)))
      .keys()
      .sort(),
    ['_flashes', '_permanent', 'role', 'userId'],
  );
});

test('a schema without zod issues is judged on the whole session: a write may not break it', () => {
  const evenCount = {
    safeParse: (input: unknown) =>
      Object.keys(input as object).length % 2 === 0
        ? { success: true as const, data: input as Record<string, unknown> }
        : { success: false as const, error: new Error('an odd number of keys') },
  };
  const session = createSessionManager({ secrets: [SECRET], schema: evenCount }).load(undefined);
  assert.throws(() => {
    session.set('a', 1);
  }, /"a": an odd number of keys/);
  assert.deepEqual(session.keys(), []);
});

test('with checkWrites off (the default when NODE_ENV is production) a refused value is signed', () => {
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const events: SessionEvent[] = [];
    const onEvent = (e: SessionEvent) => events.push(e);
    for (const typed of [
      createSessionManager({ secrets: [SECRET], schema, onEvent }),
      createSessionManager({ secrets: [SECRET], schema, onEvent, checkWrites: false }),
    ]) {
      const session = typed.load(undefined);
      session.set('visits', 'oops' as unknown as number);
      assert.deepEqual(typed.load(cookieOf(typed.commit(session))).keys(), []);
      assert.equal(events.at(-1)?.kind, 'invalid', 'discarded on load, as before');
    }
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
});
