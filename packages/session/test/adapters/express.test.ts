import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type RequestWithSession, sessions } from '../../src/adapters/express.js';
import { cookieOf, eventually, HUGE, recordingManager, serve } from './support.js';

const { manager, events } = recordingManager();
const app = express();
app.use(sessions(manager));
const sessionOf = (request: Request) => (request as unknown as RequestWithSession).session;
app.get('/count', (request, response) => {
  const session = sessionOf(request);
  const count = ((session.get('count') as number | undefined) ?? 0) + 1;
  session.set('count', count);
  response.send(`visit ${String(count)}`);
});
app.get('/huge', (request, response) => {
  sessionOf(request).set('blob', HUGE);
  response.json({ ok: true });
});
app.get('/late', (request, response) => {
  const session = sessionOf(request);
  setTimeout(() => {
    session.flash('too late');
  }, 1);
  response.send('answered');
});
// The error handler that used to commit a second time and throw again (issue 19).
app.use((error: Error, _request: Request, response: Response, _next: NextFunction) => {
  response.status(500).send(`handled: ${error.message}`);
});
const server = await serve(app);
after(() => server.close());

test('Express: the session travels in the cookie between requests', async () => {
  const first = await fetch(`${server.url}/count`);
  assert.equal(await first.text(), 'visit 1');
  assert.match(first.headers.get('vary') ?? '', /Cookie/);
  const cookie = cookieOf(first.headers.get('set-cookie'));
  const second = await fetch(`${server.url}/count`, { headers: { cookie } });
  assert.equal(await second.text(), 'visit 2');
});

test('Express: an oversize session answers a plain 431 once, without hanging or throwing', async () => {
  const response = await fetch(`${server.url}/huge`, { signal: AbortSignal.timeout(10_000) });
  assert.equal(response.status, 431);
  assert.match(
    await response.text(),
    /^431 The session cookie would be \d+ bytes, over the 4093-byte limit/,
  );
  assert.equal(events.filter((e) => e.kind === 'oversize').length, 1, 'committed once');
  assert.equal((await fetch(`${server.url}/count`)).status, 200, 'the server still answers');
});

test('Express: a write after the response is reported as a late-write event', async () => {
  assert.equal(await (await fetch(`${server.url}/late`)).text(), 'answered');
  const late = await eventually(events, 'late-write');
  assert.equal(late?.kind === 'late-write' ? late.operation : undefined, 'flash');
});
