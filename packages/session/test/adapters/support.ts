/**
 * What the adapter suites share: a cookie manager whose events are recorded, a value too large
 * for any cookie, and a way to wait for a late write's event.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSessionManager,
  type SessionEvent,
  type SessionStore,
  type StoredFields,
} from '../../src/index.js';

/** A cookie manager and the events it reported. */
export function recordingManager() {
  const events: SessionEvent[] = [];
  const manager = createSessionManager({
    secrets: ['adapter-test-secret'.padEnd(32, '.')],
    onEvent: (event) => events.push(event),
  });
  return { manager, events };
}

/**
 * A store-backed manager over an in-memory store that answers on a later turn of the event
 * loop, as a network store would (`down`: every call rejects), and the events it reported.
 * Sessions stay in the cookie until they outgrow it (`storeWhen: 'oversize'`).
 */
export function recordingStoreManager(down = false) {
  const entries = new Map<string, Record<string, string>>();
  const later = <T>(value: () => T) =>
    new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        if (down) reject(new Error('connection refused'));
        else resolve(value());
      });
    });
  const store: SessionStore = {
    read: (id) => later((): StoredFields | undefined => entries.get(id)),
    write: (id, change) =>
      later(() => {
        if (change.kind === 'replace') {
          if (change.retire !== undefined) entries.delete(change.retire);
          entries.set(id, { ...change.fields });
          return true;
        }
        const entry = entries.get(id);
        if (entry === undefined) return false;
        Object.assign(entry, change.set);
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a test's own record
        for (const key of change.remove) delete entry[key];
        return true;
      }),
    destroy: (id) => later(() => void entries.delete(id)),
  };
  const events: SessionEvent[] = [];
  const manager = createSessionManager({
    secrets: ['adapter-test-secret'.padEnd(32, '.')],
    store,
    storeWhen: 'oversize',
    onEvent: (event) => events.push(event),
  });
  return { manager, events, entries };
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
