import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, test, type TestContext } from 'node:test';
import { Redis } from 'ioredis';
import {
  createRedisSessionStore,
  createSessionManager,
  SessionCodec,
  SessionStoreUnavailable,
  type RedisSessionStore,
  type SessionEvent,
  type SessionManagerOptions,
} from '../../src/index.js';
import { requireRedis, SHARED_REDIS, startThrowawayRedis, uniquePrefix } from '../support/redis.js';

const SECRET = 'redis-store-test-secret-of-32-bytes+';
const T0 = 1_700_000_000;

const opened: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

type Options = Partial<Omit<SessionManagerOptions, 'store'>>;

/** A store manager on the shared Redis under a fresh prefix, with a clock and its events. */
async function setup(t: TestContext, options: Options = {}) {
  if (!(await requireRedis(t))) return undefined;
  const prefix = uniquePrefix();
  const store = createRedisSessionStore(SHARED_REDIS, { prefix });
  await store.connect();
  const redis = new Redis(SHARED_REDIS);
  opened.push(store, { close: () => redis.quit() });
  const clock = { now: T0 };
  const events: SessionEvent[] = [];
  const manager = createSessionManager({
    secrets: [SECRET],
    store,
    now: () => clock.now * 1000,
    onEvent: (event) => events.push(event),
    ...options,
  });
  const idOf = (cookie: string) => {
    const decoded = new SessionCodec([SECRET]).decode(cookie.slice(8), clock.now, 1e9);
    assert.ok(decoded.ok, cookie);
    return String(decoded.data._canvass_sid);
  };
  return { manager, store, redis, prefix, clock, events, idOf };
}

function cookieOf(setCookie: string | undefined): string {
  const value = /^session=([^;]*)/.exec(setCookie ?? '')?.[1];
  assert.ok(value !== undefined, `a session cookie in ${String(setCookie)}`);
  return `session=${value}`;
}

test('the cookie carries only a signed id; each session key is one field of a Redis hash', async (t) => {
  const s = await setup(t);
  if (!s) return;
  const session = await s.manager.load(undefined);
  session.set('progress', { satisfaction: [1, 2] });
  session.set('csrf', 'token');
  const cookie = cookieOf(await s.manager.commit(session));
  const decoded = new SessionCodec([SECRET]).decode(cookie.slice(8), T0, 10);
  assert.ok(decoded.ok);
  assert.deepEqual(Object.keys(decoded.data).sort(), ['_canvass_sid', '_canvass_t']);
  const id = s.idOf(cookie);
  assert.match(id, /^[\w-]{43}$/);
  assert.deepEqual(await s.redis.hgetall(s.prefix + id), {
    csrf: '"token"',
    progress: '{"satisfaction":[1,2]}',
  });
  const ttl = await s.redis.ttl(s.prefix + id);
  assert.ok(ttl > 2_592_000 - 5 && ttl <= 2_592_000, `ttl ${ttl}`);
  const again = await s.manager.load(cookie);
  assert.deepEqual({ ...(again.get('progress') as object) }, { satisfaction: [1, 2] });
  assert.equal(await s.manager.commit(again), undefined, 'unchanged: nothing written or sent');
});

test('a tampered or unknown id is an empty session, reported', async (t) => {
  const s = await setup(t);
  if (!s) return;
  const session = await s.manager.load(undefined);
  session.set('a', 1);
  const cookie = cookieOf(await s.manager.commit(session));
  assert.deepEqual((await s.manager.load(`${cookie}x`)).keys(), []);
  await s.redis.del(s.prefix + s.idOf(cookie));
  assert.deepEqual((await s.manager.load(cookie)).keys(), []);
  assert.deepEqual(
    s.events.map((e) => (e.kind === 'rejected' ? e.reason : e.kind)),
    ['bad-signature', 'unknown-session'],
  );
});

test('two parallel requests that change different keys both keep their change', async (t) => {
  const s = await setup(t);
  if (!s) return;
  const first = await s.manager.load(undefined);
  first.set('a', 1);
  first.set('list', ['x']);
  const cookie = cookieOf(await s.manager.commit(first));
  const [one, two] = await Promise.all([s.manager.load(cookie), s.manager.load(cookie)]);
  one.set('a', 2);
  // An in-place change marks only its own key as changed.
  (two.get('list') as string[]).push('y');
  two.set('b', 3);
  await Promise.all([s.manager.commit(one), s.manager.commit(two)]);
  const after = await s.manager.load(cookie);
  assert.equal(after.get('a'), 2);
  assert.equal(after.get('b'), 3);
  assert.deepEqual(after.get('list'), ['x', 'y']);
});

test('regenerate moves the same data to a new id and the old id is dead', async (t) => {
  const s = await setup(t);
  if (!s) return;
  const first = await s.manager.load(undefined);
  first.set('user', 'respondent');
  const oldCookie = cookieOf(await s.manager.commit(first));
  const stale = await s.manager.load(oldCookie);
  const login = await s.manager.load(oldCookie);
  login.set('admin', true);
  login.regenerate();
  const newCookie = cookieOf(await s.manager.commit(login));
  assert.notEqual(s.idOf(newCookie), s.idOf(oldCookie));
  assert.equal(await s.redis.exists(s.prefix + s.idOf(oldCookie)), 0);
  const current = await s.manager.load(newCookie);
  assert.equal(current.get('user'), 'respondent');
  assert.equal(current.get('admin'), true);
  assert.deepEqual((await s.manager.load(oldCookie)).keys(), []);
  // A request that loaded the old id before the login cannot bring it back.
  stale.set('late', 1);
  assert.equal(await s.manager.commit(stale), undefined);
  assert.equal(await s.redis.exists(s.prefix + s.idOf(oldCookie)), 0);
});

test('destroy deletes the stored data and the cookie', async (t) => {
  const s = await setup(t);
  if (!s) return;
  const first = await s.manager.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(await s.manager.commit(first));
  const session = await s.manager.load(cookie);
  session.destroy();
  assert.match((await s.manager.commit(session)) ?? '', /^session=; Expires=Thu, 01 Jan 1970/);
  assert.equal(await s.redis.exists(s.prefix + s.idOf(cookie)), 0);
  assert.deepEqual((await s.manager.load(cookie)).keys(), []);
});

test('the stored session expires with its idle deadline, pushed when the cookie is refreshed', async (t) => {
  const s = await setup(t, { idleTimeout: 600, absoluteTimeout: 86_400 });
  if (!s) return;
  const first = await s.manager.load(undefined);
  first.set('a', 1);
  const cookie = cookieOf(await s.manager.commit(first));
  const key = s.prefix + s.idOf(cookie);
  assert.ok((await s.redis.ttl(key)) <= 600);
  s.clock.now += 400;
  const refreshed = await s.manager.load(cookie);
  assert.equal(refreshed.get('a'), 1);
  assert.match((await s.manager.commit(refreshed)) ?? '', /Max-Age=600/);
  assert.ok((await s.redis.ttl(key)) > 590, 'the TTL was pushed with the refresh');
  s.clock.now += 601;
  assert.deepEqual((await s.manager.load(cookie)).keys(), [], 'the old cookie is idle-expired');
});

test('with storeWhen oversize, a small session stays in the cookie and a large one spills', async (t) => {
  const s = await setup(t, { storeWhen: 'oversize' });
  if (!s) return;
  const small = await s.manager.load(undefined);
  small.set('a', 1);
  const smallCookie = cookieOf(await s.manager.commit(small));
  assert.equal((await s.manager.load(smallCookie)).get('a'), 1);
  assert.equal(s.events.length, 0);
  const large = await s.manager.load(smallCookie);
  const blob = randomBytes(4000).toString('base64');
  large.set('blob', blob);
  const line = (await s.manager.commit(large)) ?? '';
  assert.ok(line.length < 300, `the spilled cookie is ${line.length} bytes`);
  assert.equal(s.events[0]?.kind === 'oversize' && s.events[0].action, 'spilled');
  const back = await s.manager.load(cookieOf(line));
  assert.equal(back.get('blob'), blob);
  assert.equal(back.get('a'), 1);
});

test('a store that cannot be reached fails the request with SessionStoreUnavailable (503)', async (t) => {
  const s = await setup(t);
  if (!s) return;
  const session = await s.manager.load(undefined);
  session.set('a', 1);
  const cookie = cookieOf(await s.manager.commit(session));
  const down: RedisSessionStore = createRedisSessionStore('redis://127.0.0.1:1', {});
  const events: SessionEvent[] = [];
  const broken = createSessionManager({
    secrets: [SECRET],
    store: down,
    now: () => T0 * 1000,
    onEvent: (e) => events.push(e),
  });
  opened.push(down);
  const error = await broken.load(cookie).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof SessionStoreUnavailable);
  assert.deepEqual([error.statusCode, error.code], [503, 'SESSION_STORE_UNAVAILABLE']);
  const fresh = await broken.load(undefined);
  fresh.set('b', 2);
  await assert.rejects(broken.commit(fresh), SessionStoreUnavailable);
  assert.deepEqual(
    events.map((e) => e.kind === 'store-unavailable' && e.operation),
    ['read', 'write'],
  );
});

test('with cookieKeys, a session holding only those keys stays in the cookie; the first other key moves it to the store', async (t) => {
  const s = await setup(t, { cookieKeys: ['csrf'] });
  if (!s) return;
  const view = await s.manager.load(undefined);
  view.set('csrf', 'token');
  const line = await s.manager.commit(view);
  const cookie = cookieOf(line);
  const decoded = new SessionCodec([SECRET]).decode(cookie.slice(8), T0, 10);
  assert.ok(decoded.ok);
  assert.equal(decoded.data.csrf, 'token');
  assert.deepEqual(await s.redis.keys(`${s.prefix}*`), [], 'nothing stored for a page view');

  const begin = await s.manager.load(cookie);
  assert.equal(begin.get('csrf'), 'token');
  begin.set('progress', { satisfaction: [1, 0, 1] });
  const stored = cookieOf(await s.manager.commit(begin));
  assert.deepEqual(await s.redis.hgetall(s.prefix + s.idOf(stored)), {
    csrf: '"token"',
    progress: '{"satisfaction":[1,0,1]}',
  });
});

test('a cookie carrying other session data is refused when sessions live in the store', async (t) => {
  const s = await setup(t, { cookieKeys: ['csrf'] });
  if (!s) return;
  const cookieMode = createSessionManager({ secrets: [SECRET], now: () => s.clock.now * 1000 });
  const old = cookieMode.load(undefined);
  old.set('csrf', 'token');
  old.set('admin', true);
  const cookie = cookieOf(cookieMode.commit(old));
  const loaded = await s.manager.load(cookie);
  assert.deepEqual(loaded.keys(), []);
  assert.deepEqual(
    s.events.map((e) => e.kind === 'rejected' && e.reason),
    ['not-a-store-cookie'],
  );
});

test('a Redis that does not answer (SIGSTOP) fails the request within its command timeout, and serves again once it answers', async (t) => {
  if (!(await requireRedis(t))) return;
  const redis = await startThrowawayRedis();
  // Not much shorter than a second: a loaded machine can keep a healthy Redis from answering
  // within a few hundred milliseconds, and the checks after `resume` expect it to answer.
  const store = createRedisSessionStore(redis.url, { commandTimeoutMs: 1000 });
  await store.connect();
  t.after(async () => {
    redis.resume();
    await store.close();
    await redis.dispose();
  });
  const manager = createSessionManager({ secrets: [SECRET], store });
  const session = await manager.load(undefined);
  session.set('a', 1);
  const cookie = cookieOf(await manager.commit(session));
  assert.equal(await store.ping(), true);

  redis.pause();
  await assert.rejects(manager.load(cookie), SessionStoreUnavailable);
  assert.equal(await store.ping(), false);

  redis.resume();
  assert.equal(await store.ping(), true);
  assert.equal((await manager.load(cookie)).get('a'), 1);
});
