import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, test } from 'node:test';
import { DEFAULT_TIMEOUTS } from '../../../src/http/hardening/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { openRaw, sendRaw } from '../../support/raw-http.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

/** Short deadlines, so the test waits a moment rather than the production quarter-minute. */
const SHORT = { headers: 300, request: 600, checkInterval: 50 };

async function listen(app: TestApp): Promise<number> {
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  return (app.app.server.address() as AddressInfo).port;
}

test('the server applies the default client timeouts', async () => {
  t = await startTestApp();
  const server = t.app.server;
  assert.equal(server.headersTimeout, DEFAULT_TIMEOUTS.headers);
  assert.equal(server.requestTimeout, DEFAULT_TIMEOUTS.request);
  assert.equal(server.keepAliveTimeout, DEFAULT_TIMEOUTS.keepAlive);
  assert.equal(server.timeout, DEFAULT_TIMEOUTS.idle);
  assert.ok(DEFAULT_TIMEOUTS.headers < DEFAULT_TIMEOUTS.request);
});

test('a client dribbling its headers (slowloris) is cut off with 408 while others are served', async (context) => {
  t = await startTestApp({ hardening: { timeouts: SHORT } });
  const port = await listen(t);
  const { socket, response } = openRaw(port);
  // A failed assertion must not leave the socket holding the server open until its idle timeout.
  context.after(() => socket.destroy());
  socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');
  const state = { dribbling: true };
  void response.then(() => {
    state.dribbling = false;
  });
  // One header line every 100 ms: never finishing, each byte well inside any idle timeout.
  for (let i = 0; state.dribbling && i < 100; i++) {
    if (i === 2) {
      const other = await sendRaw(
        port,
        'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      );
      assert.equal(other.status, 200, 'the server keeps serving others meanwhile');
    }
    if (!socket.destroyed) socket.write(`X-Dribble-${i}: a\r\n`);
    await sleep(100);
  }
  const answer = await response;
  assert.equal(answer.closed, true);
  assert.equal(answer.status, 408);
  assert.match(answer.body, /<h1>Request timed out<\/h1>/);
});

test('a client that stops sending its body is cut off with 408 and nothing is stored', async () => {
  t = await startTestApp({ hardening: { timeouts: SHORT } });
  const port = await listen(t);
  const { socket, response } = openRaw(port);
  socket.write(
    'POST /surveys/satisfaction/begin HTTP/1.1\r\nHost: localhost\r\n' +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n_csrf=',
  );
  const answer = await response;
  assert.equal(answer.closed, true);
  assert.equal(answer.status, 408);
  assert.equal((await t.storage.listResponses('satisfaction')).length, 0);
});

test('a connection that sends nothing at all is closed', async () => {
  t = await startTestApp({ hardening: { timeouts: { ...SHORT, idle: 300 } } });
  const port = await listen(t);
  const { response } = openRaw(port);
  const answer = await response;
  assert.equal(answer.closed, true);
});
