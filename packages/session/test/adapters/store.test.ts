import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import express from 'express';
import { type RequestWithSession, sessions } from '../../src/adapters/express.js';
import { withSession } from '../../src/adapters/node.js';
import type { Session } from '../../src/index.js';
import { cookieOf, eventually, HUGE, recordingStoreManager, serve } from './support.js';

/** One set of routes, given the session; both adapters serve it. */
function route(request: IncomingMessage, response: ServerResponse, session: Session): void {
  switch (request.url) {
    case '/count': {
      const count = ((session.get('count') as number | undefined) ?? 0) + 1;
      session.set('count', count);
      response.end(`visit ${String(count)}`);
      return;
    }
    case '/stream':
      session.set('streamed', true);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('part one, ');
      response.write('part two, ');
      response.end('part three');
      return;
    case '/huge':
      session.set('blob', HUGE);
      response.end('stored');
      return;
    case '/blob':
      response.end(String((session.get('blob') as string | undefined)?.length ?? 0));
      return;
    case '/late':
      setTimeout(() => {
        session.set('late', 1);
      }, 1);
      response.end('answered');
      return;
    default:
      response.end('untouched');
  }
}

/** The routes served through the node:http adapter and through Express, on a store manager. */
async function servers(down = false) {
  const node = recordingStoreManager(down);
  const viaNode = await serve(withSession(node.manager, route));
  const viaExpress = recordingStoreManager(down);
  const app = express();
  app.use(sessions(viaExpress.manager));
  app.use((request, response) => {
    route(request, response, (request as unknown as RequestWithSession).session);
  });
  const expressServer = await serve(app);
  after(() => Promise.all([viaNode.close(), expressServer.close()]));
  return [
    { name: 'node:http', url: viaNode.url, ...node },
    { name: 'Express', url: expressServer.url, ...viaExpress },
  ];
}

const up = await servers();
const down = await servers(true);

for (const { name, url, events, entries } of up) {
  test(`${name} with a store: the session is committed before the head, visit after visit`, async () => {
    const first = await fetch(`${url}/count`);
    assert.equal(await first.text(), 'visit 1');
    assert.match(first.headers.get('vary') ?? '', /Cookie/);
    const cookie = cookieOf(first.headers.get('set-cookie'));
    const second = await fetch(`${url}/count`, { headers: { cookie } });
    assert.equal(await second.text(), 'visit 2');
  });

  test(`${name} with a store: writes held during the commit are sent in order after it`, async () => {
    const response = await fetch(`${url}/stream`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain');
    assert.match(response.headers.get('set-cookie') ?? '', /^session=/);
    assert.equal(await response.text(), 'part one, part two, part three');
  });

  test(`${name} with a store: a session too large for its cookie moves into the store`, async () => {
    const response = await fetch(`${url}/huge`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'stored');
    const line = response.headers.get('set-cookie') ?? '';
    assert.ok(line.length < 300, `a small id cookie: ${line}`);
    assert.ok(events.some((e) => e.kind === 'oversize' && e.action === 'spilled'));
    assert.equal(entries.size, 1);
    const back = await fetch(`${url}/blob`, { headers: { cookie: cookieOf(line) } });
    assert.equal(await back.text(), String(HUGE.length));
  });

  test(`${name} with a store: a write after the response is a late-write event`, async () => {
    assert.equal(await (await fetch(`${url}/late`)).text(), 'answered');
    const late = await eventually(events, 'late-write');
    assert.equal(late?.kind === 'late-write' ? late.key : undefined, 'late');
  });
}

for (const { name, url, events } of down) {
  test(`${name} with a store that is down: 503 in place of the response, never a hang`, async () => {
    const response = await fetch(`${url}/huge`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('set-cookie'), null);
    assert.ok(events.some((e) => e.kind === 'store-unavailable' && e.operation === 'write'));
  });
}
