import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { SessionEvent, SessionManagerOptions } from './index.js';
import { createSessionManager, SessionTooLarge } from './index.js';

const SECRET = 'test-secret-key';
const T0 = 1_700_000_000;

/** A manager with a settable clock (seconds) and a list of the events it reported. */
function setup(options: Partial<SessionManagerOptions> = {}) {
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

test('refreshes an unchanged permanent session once its cookie is an hour old', () => {
  const { manager, clock } = setup();
  const first = manager.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(manager.commit(first));
  clock.now += 3599;
  assert.equal(manager.commit(manager.load(cookie)), undefined);
  clock.now += 1;
  const refreshed = manager.commit(manager.load(cookie));
  assert.match(refreshed ?? '', /Max-Age=2592000/);
  assert.notEqual(cookieOf(refreshed), cookie);
});

test('refreshEachRequest true refreshes every time; false never; non-permanent never', () => {
  for (const [options, expected] of [
    [{ refreshEachRequest: true }, true],
    [{ refreshEachRequest: false }, false],
    [{ refreshEachRequest: { afterSeconds: 10 } }, true],
    [{ permanent: false, refreshEachRequest: true }, false],
  ] as const) {
    const { manager, clock } = setup(options);
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
  const foreign = setup({ secrets: ['another-secret'] }).manager;
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
    events.map((e) => (e.kind === 'rejected' ? e.reason : e.kind)),
    ['expired', 'expired'],
  );
  assert.deepEqual(manager.load('session=').keys(), []);
  assert.deepEqual(manager.load('').keys(), []);
  assert.equal(events.length, 2, 'a missing cookie is not an event');
});

test('a cookie under a fallback key is accepted, reported, and re-signed with the current key', () => {
  const before = setup({ secrets: ['old-secret'] }).manager;
  const first = before.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(before.commit(first));
  const { manager, events } = setup({
    secrets: ['new-secret', 'old-secret'],
    refreshEachRequest: false,
  });
  const session = manager.load(cookie);
  assert.equal(session.get('a'), 1);
  assert.deepEqual(events, [{ kind: 'fallback-key', keyIndex: 1 }]);
  const reissued = manager.commit(session);
  assert.match(reissued ?? '', /; Max-Age=2592000; HttpOnly; Path=\/; SameSite=Lax$/);
  const currentOnly = setup({ secrets: ['new-secret'] }).manager;
  assert.equal(currentOnly.load(cookieOf(reissued)).get('a'), 1);
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
  assert.equal(events[0]?.kind, 'oversize');
  session.set('blob', 'small');
  assert.ok((manager.commit(session) ?? '').length < 200);
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
  assert.throws(() => createSessionManager({ secrets: ['k'], cookieName: 'a b' }), TypeError);
  assert.throws(() => createSessionManager({ secrets: ['k'], maxAge: 0 }), RangeError);
  assert.throws(() => createSessionManager({ secrets: ['k'], maxAge: 1.5 }), RangeError);
});
