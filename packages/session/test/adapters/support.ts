/**
 * What the adapter suites share: a cookie manager whose events are recorded, a value too large
 * for any cookie, and a way to wait for a late write's event.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSessionManager, type SessionEvent } from '../../src/index.js';

/** A cookie manager and the events it reported. */
export function recordingManager() {
  const events: SessionEvent[] = [];
  const manager = createSessionManager({
    secrets: ['adapter-test-secret'.padEnd(32, '.')],
    onEvent: (event) => events.push(event),
  });
  return { manager, events };
}

/** A string that cannot fit in a 4 KB cookie, however it compresses. */
export const HUGE = randomBytes(4000).toString('base64');

/** The `name=value` part of a `Set-Cookie` header, for the next request's `Cookie`. */
export function cookieOf(setCookie: string | null): string {
  return (setCookie ?? '').split(';')[0] ?? '';
}

/** Resolves when `events` holds one of `kind` (late writes arrive after the response). */
export async function eventually(events: SessionEvent[], kind: SessionEvent['kind']) {
  for (let i = 0; i < 200 && !events.some((e) => e.kind === kind); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return events.find((e) => e.kind === kind);
}

/** Serves `listener` on a free port; returns its base URL and a close function. */
export async function serve(listener: RequestListener) {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
