import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { actionLimit, NO_LIMIT, registerRateLimit, type ActionLimitOptions } from './rate-limit.js';

/** A bare app with one route that consults `options`' limit: `take` or `peek`, per the query. */
async function appWith(options: ActionLimitOptions): Promise<FastifyInstance> {
  const app = Fastify();
  await registerRateLimit(app);
  const limit = actionLimit(app, options);
  app.get<{ Querystring: { peek?: string } }>('/', async (request) => {
    const wait = await (request.query.peek === undefined ? limit.take : limit.peek)(request);
    return { wait: wait ?? null };
  });
  return app;
}

const call = async (app: FastifyInstance, remoteAddress: string, url = '/') =>
  (await app.inject({ url, remoteAddress })).json<{ wait: number | null }>().wait;

test('take counts each action and answers the seconds to wait once over the limit', async (t) => {
  const app = await appWith({ max: 2, windowMs: 60_000 });
  t.after(() => app.close());
  assert.equal(await call(app, '192.0.2.1'), null);
  assert.equal(await call(app, '192.0.2.1'), null);
  const wait = await call(app, '192.0.2.1');
  assert.ok(wait !== null && wait >= 1 && wait <= 60, String(wait));
  // Each client address has its own count; an IPv6 /64 is one client.
  assert.equal(await call(app, '192.0.2.2'), null);
  assert.equal(await call(app, '2001:db8::1'), null);
  assert.equal(await call(app, '2001:db8::1'), null);
  assert.notEqual(await call(app, '2001:db8::2'), null);
});

test('peek says whether the limit is reached without counting', async (t) => {
  const app = await appWith({ max: 1, windowMs: 60_000 });
  t.after(() => app.close());
  for (let i = 0; i < 5; i++) assert.equal(await call(app, '192.0.2.1', '/?peek'), null);
  assert.equal(await call(app, '192.0.2.1'), null);
  assert.notEqual(await call(app, '192.0.2.1', '/?peek'), null);
});

test('a key function shares one count between the requests it names alike', async (t) => {
  const app = await appWith({ max: 1, windowMs: 60_000, key: () => 'everyone' });
  t.after(() => app.close());
  assert.equal(await call(app, '192.0.2.1'), null);
  assert.notEqual(await call(app, '192.0.2.2'), null);
});

test('NO_LIMIT never refuses', async () => {
  const request = {} as Parameters<typeof NO_LIMIT.take>[0];
  for (let i = 0; i < 100; i++) assert.equal(await NO_LIMIT.take(request), undefined);
  assert.equal(await NO_LIMIT.peek(request), undefined);
});
