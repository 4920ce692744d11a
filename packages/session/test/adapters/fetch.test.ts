import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { withSession } from '../../src/adapters/fetch.js';
import { createSessionManager, type Session, type SessionStore } from '../../src/index.js';
import { cookieOf, eventually, HUGE, recordingManager } from './support.js';

const { manager, events } = recordingManager();
const hono = new Hono<{ Bindings: { session: Session } }>();
hono.get('/count', (c) => {
  const count = ((c.env.session.get('count') as number | undefined) ?? 0) + 1;
  c.env.session.set('count', count);
  return c.text(`visit ${String(count)}`);
});
hono.get('/huge', (c) => {
  c.env.session.set('blob', HUGE);
  return c.text('never sent');
});
hono.get('/late', (c) => {
  const session = c.env.session;
  setTimeout(() => {
    session.clear();
  }, 1);
  return c.text('answered');
});
const handle = withSession(manager, (request, session) => hono.fetch(request, { session }));
const get = (path: string, cookie?: string) =>
  handle(
    new Request(`http://localhost${path}`, cookie === undefined ? {} : { headers: { cookie } }),
  );

test('Fetch (Hono): the session travels in the cookie between requests', async () => {
  const first = await get('/count');
  assert.equal(await first.text(), 'visit 1');
  assert.equal(first.headers.get('vary'), 'Cookie');
  assert.doesNotMatch(first.headers.get('set-cookie') ?? '', /Secure/);
  const second = await get('/count', cookieOf(first.headers.get('set-cookie')));
  assert.equal(await second.text(), 'visit 2');
  const https = await handle(new Request('https://localhost/count'));
  assert.match(https.headers.get('set-cookie') ?? '', /; Secure/);
});

test('Fetch (Hono): an oversize session answers a plain 431 once', async () => {
  const response = await get('/huge');
  assert.equal(response.status, 431);
  assert.match(
    await response.text(),
    /^431 The session cookie would be \d+ bytes, over the 4093-byte limit/,
  );
  assert.equal(events.filter((e) => e.kind === 'oversize').length, 1);
});

test('Fetch (Hono): a write after the response is reported as a late-write event', async () => {
  assert.equal(await (await get('/late')).text(), 'answered');
  const late = await eventually(events, 'late-write');
  assert.equal(late?.kind === 'late-write' ? late.operation : undefined, 'clear');
});

test('Fetch: a store that cannot be reached answers 503 without running the handler', async () => {
  const down: SessionStore = {
    read: () => Promise.reject(new Error('connection refused')),
    write: () => Promise.reject(new Error('connection refused')),
    destroy: () => Promise.reject(new Error('connection refused')),
  };
  const stored = createSessionManager({ secrets: ['s'.repeat(32)], store: down });
  let ran = false;
  const storeHandle = withSession(stored, (_request, session) => {
    ran = true;
    session.set('n', 1);
    return new Response('ok');
  });
  // A new session needs no read, so the write at commit is what fails.
  const response = await storeHandle(new Request('http://localhost/'));
  assert.equal(response.status, 503);
  assert.ok(ran);
});
