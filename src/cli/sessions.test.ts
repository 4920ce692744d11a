import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { requireRedis, SHARED_REDIS } from '../../test/support/redis.js';
import type { SessionEvent } from '@canvass/session';
import { SessionCodec, SessionTooLarge } from '@canvass/session';
import { ConfigError, resolveServeConfig } from './config.js';
import { openSessions, sessionCookie } from './sessions.js';

const KEY = 'serve-sessions-test-secret-of-32-bytes';
const config = (env: Record<string, string>) => resolveServeConfig({}, { SECRET_KEY: KEY, ...env });

test('SESSION_STORE=redis://… keeps the data in Redis and only a signed id in the cookie', async (t) => {
  if (!(await requireRedis(t))) return;
  const { sessions, close } = await openSessions(
    config({ SESSION_STORE: SHARED_REDIS }),
    KEY,
    () => undefined,
  );
  t.after(close);
  const session = await sessions.load(undefined);
  session.set('answer', 'x'.repeat(500));
  const line = (await sessions.commit(session)) ?? '';
  const decoded = new SessionCodec([KEY]).decode(
    line.split(/[=;]/)[1] ?? '',
    Date.now() / 1000,
    60,
  );
  assert.ok(decoded.ok);
  assert.deepEqual(Object.keys(decoded.data).sort(), ['_canvass_sid', '_canvass_t']);
  assert.equal((await sessions.load(line.split(';')[0])).get('answer'), 'x'.repeat(500));
  const destroy = await sessions.load(line.split(';')[0]);
  destroy.destroy();
  await sessions.commit(destroy);
});

test('an unreachable SESSION_STORE stops startup, without printing its password', async () => {
  await assert.rejects(
    openSessions(config({ SESSION_STORE: 'redis://:hunter2@127.0.0.1:1' }), KEY, () => undefined),
    (error: unknown) =>
      error instanceof ConfigError &&
      /SESSION_STORE: cannot connect to redis:\/\/\*\*\*@127\.0\.0\.1:1/.test(error.message) &&
      !error.message.includes('hunter2'),
  );
});

test('an oversize session throws in development and is logged, not sent, in production', async () => {
  const events: SessionEvent[] = [];
  for (const [production, expected] of [
    [false, 'threw'],
    [true, 'dropped'],
  ] as const) {
    const resolved = { ...config({}), production };
    const { sessions } = await openSessions(resolved, KEY, (event) => events.push(event));
    const session = await sessions.load(undefined);
    session.set('blob', randomBytes(4000).toString('base64'));
    if (production) assert.equal(await sessions.commit(session), undefined);
    else await assert.rejects(async () => sessions.commit(session), SessionTooLarge);
    const last = events.at(-1);
    assert.equal(last?.kind === 'oversize' && last.action, expected);
  }
});

test('the cookie is named __Host-session when SESSION_COOKIE_SECURE is on, session otherwise, or as SESSION_COOKIE_NAME says', () => {
  assert.deepEqual(sessionCookie(config({})), { cookieName: 'session', secure: false });
  assert.deepEqual(sessionCookie(config({ SESSION_COOKIE_SECURE: 'true' })), {
    cookieName: '__Host-session',
    secure: true,
  });
  const plain = config({ SESSION_COOKIE_SECURE: 'true', SESSION_COOKIE_NAME: 'session' });
  assert.deepEqual(sessionCookie(plain), { cookieName: 'session', secure: true });
  assert.throws(
    () => sessionCookie(config({ SESSION_COOKIE_NAME: '__Host-session' })),
    (error: unknown) =>
      error instanceof ConfigError &&
      /^SESSION_COOKIE_NAME: .*SESSION_COOKIE_SECURE=true/.test(error.message),
  );
  assert.throws(
    () => config({ SESSION_COOKIE_NAME: 'a b' }),
    /SESSION_COOKIE_NAME: must be a cookie name/,
  );
});

test('admin session lifetimes default to 30 minutes idle and 12 hours in all', () => {
  const defaults = config({});
  assert.equal(defaults.adminSessionIdleTimeout, 1800);
  assert.equal(defaults.adminSessionMaxAge, 43_200);
  const set = config({ ADMIN_SESSION_IDLE_TIMEOUT: '600', ADMIN_SESSION_MAX_AGE: '3600' });
  assert.equal(set.adminSessionIdleTimeout, 600);
  assert.equal(set.adminSessionMaxAge, 3600);
  assert.throws(() => config({ ADMIN_SESSION_IDLE_TIMEOUT: '5' }), /ADMIN_SESSION_IDLE_TIMEOUT/);
});

/** The `Max-Age` of a `Set-Cookie` line. */
const maxAgeOf = (line: string | undefined) => Number(/Max-Age=(\d+)/.exec(line ?? '')?.[1]);

// QA: every cookie written said what was left of SESSION_MAX_AGE since the session began, and
// an active respondent lost their progress at that deadline; PRODUCT.md §1–§2 refresh a
// permanent session's expiry, and every Set-Cookie carries an expiry of SESSION_MAX_AGE.
test('each cookie written lives SESSION_MAX_AGE from then: an active session outlives it, SESSION_ABSOLUTE_TIMEOUT ends it', async () => {
  let clock = Date.UTC(2030, 0, 1);
  const hour = 3600 * 1000;
  const open = (env: Record<string, string>) =>
    openSessions(
      config({ SESSION_MAX_AGE: '3600', ...env }),
      KEY,
      () => undefined,
      () => clock,
    );
  const { sessions } = await open({});
  const first = await sessions.load(undefined);
  first.set('progress', { s: [1, 0, 1] });
  let line = await sessions.commit(first);
  assert.equal(maxAgeOf(line), 3600);
  // 50 minutes on, an answer: the new cookie lives an hour from now, not ten minutes.
  clock += (50 / 60) * hour;
  const later = await sessions.load(line?.split(';')[0]);
  later.set('progress', { s: [1, 1, 1] });
  line = await sessions.commit(later);
  assert.equal(maxAgeOf(line), 3600);
  // 100 minutes after it began, 50 after its last answer: still there.
  clock += (50 / 60) * hour;
  const kept = (await sessions.load(line?.split(';')[0])).get('progress');
  assert.equal(JSON.stringify(kept), '{"s":[1,1,1]}');

  // An absolute limit of 90 minutes ends it at 100 however active it was.
  clock = Date.UTC(2030, 0, 1);
  const capped = await open({ SESSION_ABSOLUTE_TIMEOUT: '5400' });
  const begun = await capped.sessions.load(undefined);
  begun.set('progress', { s: [1, 0, 1] });
  line = await capped.sessions.commit(begun);
  clock += (50 / 60) * hour;
  const answered = await capped.sessions.load(line?.split(';')[0]);
  answered.set('progress', { s: [1, 1, 1] });
  line = await capped.sessions.commit(answered);
  assert.equal(maxAgeOf(line), 2400, 'the absolute limit is the nearer deadline now');
  clock += (50 / 60) * hour;
  assert.equal((await capped.sessions.load(line?.split(';')[0])).get('progress'), undefined);
});
