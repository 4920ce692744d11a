/**
 * The session manager: `Cookie` header in (`load`), `Set-Cookie` value out (`commit`). It
 * knows nothing of any web framework. Without a store both steps are synchronous (the whole
 * session travels in the cookie); with one they return promises.
 */
import { cookieSessionManager } from './cookie-manager.js';
import type { SessionManagerOptions } from './options.js';
import { normalizeOptions } from './options.js';
import type { Session } from './session.js';
import { storeSessionManager } from './stores/store-manager.js';
import type { CommitOptions, SessionLayer, SessionStore } from './stores/store.js';

type Data = Record<string, unknown>;

/** A cookie-only session manager: loading and committing need no I/O. */
export interface SessionManager<D extends Data = Data> extends SessionLayer<D> {
  /**
   * The session carried by a `Cookie` header. A missing, tampered, expired, foreign or
   * schema-failing cookie gives an empty session (and an event); never throws for client input.
   */
  load(cookieHeader: string | undefined): Session<D>;
  /**
   * The `Set-Cookie` value to send, or `undefined` when the browser's cookie is still right.
   * Over `maxCookieSize` bytes it throws `SessionTooLarge` (or, with `onOversize: 'drop'`,
   * reports the event and returns `undefined`).
   */
  commit(session: Session<D>, options?: CommitOptions): string | undefined;
}

/**
 * A store-backed session manager. Both steps reject with `SessionStoreUnavailable` when the
 * store cannot be reached; client input never makes them reject otherwise.
 */
export interface AsyncSessionManager<D extends Data = Data> extends SessionLayer<D> {
  load(cookieHeader: string | undefined): Promise<Session<D>>;
  commit(session: Session<D>, options?: CommitOptions): Promise<string | undefined>;
}

/**
 * Builds a session manager. Options are checked once, here: a bad or short secret, cookie
 * name, path, lifetime or size throws a `TypeError`/`RangeError` at startup. With a `schema`
 * the sessions are typed by it; with a `store` the manager is asynchronous.
 */
export function createSessionManager<D extends Data = Data>(
  options: SessionManagerOptions<D> & { readonly store: SessionStore },
): AsyncSessionManager<D>;
export function createSessionManager<D extends Data = Data>(
  options: SessionManagerOptions<D> & { readonly store?: undefined },
): SessionManager<D>;
export function createSessionManager<D extends Data = Data>(
  options: SessionManagerOptions<D>,
): SessionManager<D> | AsyncSessionManager<D>;
export function createSessionManager<D extends Data = Data>(
  options: SessionManagerOptions<D>,
): SessionManager<D> | AsyncSessionManager<D> {
  const normalized = normalizeOptions(options);
  const { store } = normalized;
  return store === undefined
    ? cookieSessionManager<D>(normalized)
    : storeSessionManager<D>({ ...normalized, store });
}
