import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import Fastify from 'fastify';
import { Readable } from 'node:stream';
import { createSessionManager, type SessionEvent, SessionTooLarge } from '../index.js';
import { registerSessions } from './fastify.js';

async function makeApp(options: { secure?: boolean } = {}) {
  const app = Fastify({ trustProxy: true });
  registerSessions(
    app,
    createSessionManager({ secrets: ['plugin-test-secret'.padEnd(32, '.')] }),
    options,
  );
  app.get('/none', () => 'untouched');
  app.get('/read', (request) => String((request.session.get('count') as number | undefined) ?? 0));
  app.post('/count', (request) => {
    request.session.set('count', ((request.session.get('count') as number | undefined) ?? 0) + 1);
    return 'ok';
  });
  app.post('/huge', (request) => {
    request.session.set('blob', randomBytes(4000).toString('base64'));
    return 'ok';
  });
  app.setErrorHandler((error, _request, reply) => {
    void reply.code(500).send(error instanceof SessionTooLarge ? 'too large' : 'other');
  });
  await app.ready();
  return app;
}

test('loads the session from the cookie and commits changes as Set-Cookie with Vary: Cookie', async () => {
  const app = await makeApp();
  const first = await app.inject({ method: 'POST', url: '/count' });
  const setCookie = String(first.headers['set-cookie']);
  assert.match(setCookie, /^session=[\w.-]+; Expires=.*; HttpOnly; Path=\/; SameSite=Lax$/);
  assert.match(String(first.headers.vary), /Cookie/);
  const cookie = setCookie.split(';')[0] ?? '';
  const read = await app.inject({ url: '/read', headers: { cookie } });
  assert.equal(read.body, '1');
  assert.equal(read.headers['set-cookie'], undefined, 'an unchanged session is not re-sent');
  assert.equal(read.headers.vary, 'Cookie');
  await app.close();
});

test('a route that never touches the session gets neither Set-Cookie nor Vary', async () => {
  const app = await makeApp();
  const response = await app.inject({ url: '/none' });
  assert.equal(response.headers['set-cookie'], undefined);
  assert.equal(response.headers.vary, undefined);
  await app.close();
});

test('marks the cookie Secure over HTTPS or when configured', async () => {
  const app = await makeApp();
  const https = await app.inject({
    method: 'POST',
    url: '/count',
    headers: { 'x-forwarded-proto': 'https' },
  });
  assert.match(String(https.headers['set-cookie']), /; Secure;/);
  const http = await app.inject({ method: 'POST', url: '/count' });
  assert.doesNotMatch(String(http.headers['set-cookie']), /Secure/);
  await app.close();
  const configured = await makeApp({ secure: true });
  const forced = await configured.inject({ method: 'POST', url: '/count' });
  assert.match(String(forced.headers['set-cookie']), /; Secure;/);
  await configured.close();
});

test('a session too large for its cookie reaches the error handler, without a cookie', async () => {
  const app = await makeApp();
  const response = await app.inject({ method: 'POST', url: '/huge' });
  assert.equal(response.statusCode, 500);
  assert.equal(response.body, 'too large');
  assert.equal(response.headers['set-cookie'], undefined);
  await app.close();
});

test('a failing commit is tried and reported once, even when the error page writes the session', async () => {
  const app = Fastify();
  const events: SessionEvent[] = [];
  const secrets = ['once-secret'.padEnd(32, '.')];
  registerSessions(app, createSessionManager({ secrets, onEvent: (e) => events.push(e) }));
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    // The error page writes too: Fastify runs onSend again for it, which must not commit again.
    request.session.flash('Your session grew too large.', 'error');
    return reply.code(error.statusCode ?? 500).send('error page');
  });
  app.post('/huge', (request) => {
    request.session.set('blob', randomBytes(4000).toString('base64'));
    return 'never sent';
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const response = await fetch(`${address}/huge`, { method: 'POST' });
  assert.equal(response.status, 431);
  assert.equal(await response.text(), 'error page');
  assert.equal(response.headers.get('set-cookie'), null);
  assert.deepEqual(
    events.map((e) => e.kind),
    ['oversize'],
  );
  await app.close();
});

test('a garbage cookie is an empty session, not an error', async () => {
  const app = await makeApp();
  const response = await app.inject({
    url: '/read',
    headers: { cookie: 'session="\\x"; session=..' },
  });
  assert.equal(response.statusCode, 200);
  assert.equal(response.body, '0');
  await app.close();
});

test('a change made in a timer after the reply was sent is reported and ignored, not thrown', async () => {
  const app = Fastify();
  const events: SessionEvent[] = [];
  const secrets = ['late-write-secret'.padEnd(32, '.')];
  registerSessions(app, createSessionManager({ secrets, onEvent: (e) => events.push(e) }));
  let after: unknown = 'unset';
  const done = new Promise<void>((resolve) => {
    app.get('/late', (request, reply) => {
      void reply.send('sent');
      // No try/catch: a throw here would be an uncaught exception and fail the run.
      setTimeout(() => {
        request.session.set('x', 1);
        after = request.session.get('x');
        resolve();
      });
      return reply;
    });
  });
  const response = await app.inject({ url: '/late' });
  await done;
  assert.equal(response.body, 'sent');
  assert.equal(after, undefined, 'the late write was ignored');
  assert.deepEqual(
    events.map((e) => e.kind === 'late-write' && [e.operation, e.key]),
    [['set', 'x']],
  );
  await app.close();
});

test('a streamed response carries Set-Cookie in its head over real HTTP', async () => {
  const app = Fastify();
  registerSessions(app, createSessionManager({ secrets: ['stream-secret'.padEnd(32, '.')] }));
  app.get('/stream', (request, reply) => {
    request.session.set('streamed', true);
    return reply.type('text/plain').send(Readable.from(['a', 'b', 'c']));
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const response = await fetch(`${address}/stream`);
  assert.match(response.headers.get('set-cookie') ?? '', /^session=[\w.-]+; Expires=/);
  assert.equal(await response.text(), 'abc');
  await app.close();
});
