/**
 * Shared setup of the Flask interop suites: the keys both sides use, one Flask process per
 * suite, and flask-mode Canvass managers with a pinned clock that record their events.
 */
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import type { Session, SessionEvent } from '../../src/index.js';
import { createSessionManager } from '../../src/index.js';
import { flaskMissing, startFlask, type FlaskPeer } from './flask-peer.js';

/** Both keys are at least 32 bytes, so the tests hold if the library enforces a minimum. */
export const CURRENT = 'interop-current-secret-key-0123456789abcdef';
export const RETIRED = 'interop-retired-secret-key-0123456789abcdef';
/** Flask's default PERMANENT_SESSION_LIFETIME, 31 days, on both sides. */
export const LIFETIME = 31 * 86_400;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Declares a suite that talks to one Flask process (SECRET_KEY=CURRENT, fallback RETIRED).
 * Without python3 + Flask 3.1 the suite fails in CI and is skipped elsewhere.
 */
export function flaskSuite(name: string, body: (flask: FlaskPeer) => void): void {
  const missing = flaskMissing();
  const skip = missing !== undefined && process.env.CI !== 'true' ? `skipped: ${missing}` : false;
  let running: FlaskPeer | undefined;
  const peer = (): FlaskPeer => {
    assert.ok(running, 'Flask is running');
    return running;
  };
  const flask: FlaskPeer = {
    get: (path, options) => peer().get(path, options),
    output: () => running?.output() ?? '',
    stop: () => peer().stop(),
  };
  describe(name, { skip }, () => {
    before(async () => {
      if (missing !== undefined) throw new Error(`Flask interop needs python3 + Flask: ${missing}`);
      running = await startFlask({
        SECRET_KEY: CURRENT,
        SECRET_KEY_FALLBACKS: RETIRED,
        PERMANENT_SESSION_LIFETIME: String(LIFETIME),
      });
    });
    after(() => running?.stop());
    body(flask);
  });
}

/** A flask-mode manager with a pinned clock (seconds) and the events it reported. */
export function canvass(options: { secrets?: string[]; now?: number; permanent?: boolean } = {}) {
  const events: SessionEvent[] = [];
  const manager = createSessionManager({
    mode: 'flask',
    secrets: options.secrets ?? [CURRENT, RETIRED],
    maxAge: LIFETIME,
    permanent: options.permanent ?? false,
    now: () => (options.now ?? nowSeconds()) * 1000,
    onEvent: (event) => events.push(event),
  });
  return { manager, events };
}

type Manager = ReturnType<typeof canvass>['manager'];

/** The whole dictionary a session holds, as loaded (a null-prototype object). */
export function contents(session: Session): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of session.keys()) out[key] = session.get(key);
  return out;
}

/** What Canvass loads from a `session` cookie value. */
export function load(manager: Manager, cookie: string): Record<string, unknown> {
  return contents(manager.load(`session=${cookie}`));
}

/** The cookie value of a `Set-Cookie` line, which must be there. */
export function cookieValue(setCookie: string | undefined): string {
  const value = /^session=([^;]*)/.exec(setCookie ?? '')?.[1];
  assert.ok(value !== undefined, `a session cookie in ${String(setCookie)}`);
  return value;
}

/** Commits `data` as a new Canvass session and returns the cookie value. */
export function commitNew(manager: Manager, data: object): string {
  const session = manager.load(undefined);
  for (const [key, value] of Object.entries(data)) session.set(key, value);
  return cookieValue(manager.commit(session));
}
