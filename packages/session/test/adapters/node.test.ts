import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { withSession } from '../../src/adapters/node.js';
import { cookieOf, eventually, HUGE, recordingManager, serve } from './support.js';

const { manager, events } = recordingManager();
const errors: Error[] = [];
const server = await serve(
  withSession(
    manager,
    (request, response, session) => {
      switch (request.url) {
        case '/count': {
          const count = ((session.get('count') as number | undefined) ?? 0) + 1;
          session.set('count', count);
          response.setHeader('vary', 'Accept');
          response.end(`visit ${String(count)}`);
          return;
        }
        case '/stream':
          session.set('streamed', true);
          response.write('part one, ');
          response.end('part two');
          return;
        case '/huge':
          session.set('blob', HUGE);
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end('never sent');
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
    },
    { onError: (error) => errors.push(error) },
  ),
);
after(() => server.close());

test('node:http: the session travels in the cookie and the response varies on it', async () => {
  const first = await fetch(`${server.url}/count`);
  assert.equal(await first.text(), 'visit 1');
  assert.match(first.headers.get('set-cookie') ?? '', /^session=[\w.-]+; Expires=.*; HttpOnly/);
  assert.equal(first.headers.get('vary'), 'Accept, Cookie');
  const cookie = cookieOf(first.headers.get('set-cookie'));
  const second = await fetch(`${server.url}/count`, { headers: { cookie } });
  assert.equal(await second.text(), 'visit 2');
  const untouched = await fetch(`${server.url}/none`, { headers: { cookie } });
  assert.equal(untouched.headers.get('set-cookie'), null);
  assert.equal(untouched.headers.get('vary'), null);
});

test('node:http: a streamed response commits before its first chunk', async () => {
  const response = await fetch(`${server.url}/stream`);
  assert.equal(await response.text(), 'part one, part two');
  assert.match(response.headers.get('set-cookie') ?? '', /^session=/);
});

test('node:http: an oversize session answers a plain 431 once, without hanging or throwing', async () => {
  const before = events.filter((e) => e.kind === 'oversize').length;
  const response = await fetch(`${server.url}/huge`);
  assert.equal(response.status, 431);
  assert.match(
    await response.text(),
    /^431 The session cookie would be \d+ bytes, over the 4093-byte limit/,
  );
  assert.equal(response.headers.get('set-cookie'), null);
  assert.equal(events.filter((e) => e.kind === 'oversize').length, before + 1, 'one commit');
  assert.ok(errors.some((error) => error.name === 'SessionTooLarge'));
  // The server still answers.
  assert.equal(await (await fetch(`${server.url}/none`)).text(), 'untouched');
});

test('node:http: a write after the response is reported as a late-write event', async () => {
  const response = await fetch(`${server.url}/late`);
  assert.equal(await response.text(), 'answered');
  const late = await eventually(events, 'late-write');
  assert.equal(late?.kind === 'late-write' ? late.key : undefined, 'late');
});
