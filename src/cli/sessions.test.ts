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
