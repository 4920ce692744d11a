/**
 * Cookie sessions: the whole dictionary travels in the signed cookie, so loading and
 * committing are synchronous and the server keeps nothing. The steps here are shared with
 * the store manager, which falls back to them for sessions that live in the cookie.
 */
import { SessionTooLarge } from './errors.js';
import type { NormalizedOptions } from './options.js';
import { cookieChanged, cookiePayload } from './cookie/payload.js';
import { checkShared } from './key-schemas.js';
import { schemaFailure } from './schema.js';
import type { SessionData } from './session-data.js';
import { emptySessionData } from './session-data.js';
import type { SessionOrigin, SessionSnapshot } from './session.js';
import { dropOnLoad, newOrigin, seal, Session, snapshot } from './session.js';
import type { CookieRead, CookieWrite } from './cookie/signed-cookie.js';
import { SignedCookie } from './cookie/signed-cookie.js';
import type { CommitOptions } from './stores/store.js';
import type { SessionTimes } from './timeouts.js';
import { refreshDue, timesEntry } from './timeouts.js';

type Data = Record<string, unknown>;

/**
 * A session for loaded data: each key failing its own schema (`keys`) dropped alone, with an
 * `invalid` event naming it; then an empty session (and an event) if the whole `schema` says no.
 */
export function loadedSession<D extends Data>(
  options: NormalizedOptions,
  data: SessionData,
  origin: SessionOrigin,
): Session<D> {
  const dropped = options.keys.size === 0 ? undefined : invalidKeys(options, data, origin.shared);
  const failure = options.schema && schemaFailure(options.schema, data);
  if (failure !== undefined) {
    options.onEvent({ kind: 'invalid', detail: failure });
    return new Session<D>(emptySessionData(), newOrigin(options.permanent, options.hooks));
  }
  const session = new Session<D>(data, origin);
  for (const key of dropped ?? []) dropOnLoad(session, key);
  return session;
}

/** The keys whose values fail their own schemas, removed from `data` (each reported). */
function invalidKeys(
  options: NormalizedOptions,
  data: SessionData,
  shared: SessionData | undefined,
): string[] {
  const dropped: string[] = [];
  for (const [key, check] of options.keys) {
    if (!(key in data)) continue;
    const value = data[key];
    const failure =
      typeof value === 'object' && value !== null && shared?.[key] === value
        ? checkShared(check, value)
        : check(value);
    if (failure === undefined) continue;
    options.onEvent({ kind: 'invalid', key, detail: failure });
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the request's own dict
    delete data[key];
    dropped.push(key);
  }
  return dropped;
}

/** The session a cookie carried; a store id here means the cookie is not ours to read. */
export function sessionFromCookie<D extends Data>(
  options: NormalizedOptions,
  read: CookieRead & { kind: 'data' },
): Session<D> {
  const { text, times, timesCarried, keyIndex, shared } = read;
  const origin = {
    ...newOrigin(options.permanent, options.hooks),
    text,
    times,
    timesCarried,
    keyIndex,
    shared,
  };
  return loadedSession<D>(options, read.data, origin);
}

/** The times a commit writes: new for a new or regenerated session, else as loaded. */
export function baseTimes(state: SessionSnapshot, now: number): SessionTimes {
  const { times } = state.origin;
  return times === undefined || state.lifecycle === 'regenerate'
    ? { created: now, seen: now }
    : times;
}

/** Whether an unchanged session is due to be re-issued to record activity. */
export function isRefreshDue(options: NormalizedOptions, state: SessionSnapshot, now: number) {
  const { times } = state.origin;
  // Flask re-signs only permanent sessions for activity (flask-compatible.ts).
  if (options.flaskCompatible && !state.permanent) return false;
  return times !== undefined && refreshDue(times, now, options.lifetimes, options.refreshAfter);
}

/** What committing to the cookie gives: nothing to send, a header, or an oversize line. */
export function commitToCookie(
  options: NormalizedOptions,
  cookie: SignedCookie,
  state: SessionSnapshot,
  secure: boolean,
): CookieWrite | { readonly kind: 'none' } {
  const now = cookie.now();
  const refresh = isRefreshDue(options, state, now);
  const untouched = !state.modified && state.handedOut.size === 0;
  // A session nothing changed, on the current key, not due for a refresh: nothing to send,
  // empty or not, so its emptiness is never worked out (most page views end here).
  if (untouched && !refresh && state.origin.keyIndex === 0) return { kind: 'none' };
  // Flask's save_session: an empty session is never written, only deleted when cleared.
  if (state.empty) {
    return state.modified ? { kind: 'ok', header: cookie.deletion(secure) } : { kind: 'none' };
  }
  const times = baseTimes(state, now);
  // Flask's bytes need sorted keys; the default mode writes each dict as it is (faster).
  const order = options.mode === 'flask' ? 'sorted' : 'own';
  const changed = cookieChanged(state, order);
  if (!changed && !refresh && state.origin.keyIndex === 0) return { kind: 'none' };
  // A change or a refresh records activity. A re-sign only to move off a fallback key keeps
  // the times, so the new cookie keeps every attribute of the old one, `Expires` included.
  const next = changed || refresh ? { created: times.created, seen: now } : times;
  // Flask-compatible cookies carry no times: the signing time is the last activity.
  const extra = options.flaskCompatible ? {} : timesEntry(next);
  return cookie.write(cookiePayload(state, extra, order), next, state.permanent, secure);
}

class CookieSessionManager<D extends Data> {
  private readonly cookie: SignedCookie;

  constructor(private readonly options: NormalizedOptions) {
    this.cookie = new SignedCookie(options);
  }

  load(cookieHeader: string | undefined): Session<D> {
    const read = this.cookie.read(cookieHeader);
    if (read.kind === 'data') return sessionFromCookie<D>(this.options, read);
    if (read.kind === 'id') {
      const detail = 'the cookie names a store session, but no store is configured';
      this.options.onEvent({ kind: 'rejected', reason: 'unknown-session', detail });
    }
    return new Session<D>(
      emptySessionData(),
      newOrigin(this.options.permanent, this.options.hooks),
    );
  }

  commit(session: Session<D>, options: CommitOptions = {}): string | undefined {
    const result = commitToCookie(
      this.options,
      this.cookie,
      snapshot(session),
      options.secure === true,
    );
    if (result.kind === 'oversize') {
      const { maxCookieSize: limit, onOversize, onEvent } = this.options;
      const action = onOversize === 'throw' ? 'threw' : 'dropped';
      onEvent({ kind: 'oversize', size: result.size, limit, action });
      if (action === 'threw') throw new SessionTooLarge(result.size, limit);
    }
    seal(session);
    return result.kind === 'ok' ? result.header : undefined;
  }
}

/** Builds the synchronous cookie manager from normalised options. */
export function cookieSessionManager<D extends Data>(options: NormalizedOptions) {
  return new CookieSessionManager<D>(options);
}
