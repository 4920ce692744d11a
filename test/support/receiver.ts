/**
 * A real webhook receiver for tests: a node:http server on a free loopback port that records
 * every request (headers and raw body) and answers what the test says, and a Standard Webhooks
 * signature check written here with node:crypto, independent of the `standardwebhooks` package
 * Canvass signs with.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  /** The request's path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the receiver does with a request: answer with a status, or hold it (never answer). */
export type Answer = number | 'hold';

export interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  /** The answers to give, in turn; once used up, `fallback`. */
  answers: Answer[];
  fallback: Answer;
  close(): Promise<void>;
}

/** Starts a receiver on `port` (0: a free one). */
export async function startReceiver(port = 0): Promise<Receiver> {
  const held: ServerResponse[] = [];
  const receiver = {
    received: [] as Received[],
    answers: [] as Answer[],
    fallback: 200 as Answer,
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = receiver.answers.shift() ?? receiver.fallback;
      if (answer === 'hold') held.push(response);
      else response.writeHead(answer).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${bound}/hook`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  });
}

/**
 * Asserts the request is signed per Standard Webhooks with `secret`: `v1,` then the base64
 * HMAC-SHA256 of `id.timestamp.body`, keyed by the base64 after `whsec_`.
 */
export function assertSigned(request: Received, secret: string): void {
  const id = request.headers['webhook-id'];
  const timestamp = request.headers['webhook-timestamp'];
  const signature = request.headers['webhook-signature'];
  assert.ok(typeof id === 'string' && typeof timestamp === 'string', 'id and timestamp headers');
  assert.match(timestamp, /^[0-9]+$/);
  assert.ok(typeof signature === 'string', 'a signature header');
  assert.ok(secret.startsWith('whsec_'));
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest();
  const given = signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  assert.ok(
    given.some((g) => g.length === expected.length && timingSafeEqual(g, expected)),
    `signature ${signature} does not verify`,
  );
}
