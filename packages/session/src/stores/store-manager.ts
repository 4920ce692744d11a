/**
 * Store sessions: the cookie carries a signed `{"_canvass_sid": id}` plus the lifetimes, and
 * the data lives in a `SessionStore`, one field per key. A commit writes only the keys this
 * request changed (so parallel requests that change different keys both keep their change),
 * re-issues the cookie only for a new id, a refresh or a key rotation, and turns any store
 * failure into `SessionStoreUnavailable` (503) so a request never runs on a session it could
 * not read, nor reports success for one it could not save.
 */
import { randomBytes } from 'node:crypto';
import {
  baseTimes,
  commitToCookie,
  isRefreshDue,
  loadedSession,
  sessionFromCookie,
} from '../cookie-manager.js';
import { SessionStoreUnavailable, SessionTooLarge } from '../errors.js';
import type { NormalizedOptions } from '../options.js';
import { allFields, changedFields } from '../cookie/payload.js';
import { emptySessionData } from '../session-data.js';
import type { SessionSnapshot } from '../session.js';
import { newOrigin, PERMANENT_KEY, seal, Session, snapshot } from '../session.js';
import { SID_KEY, SignedCookie } from '../cookie/signed-cookie.js';
import type { CommitOptions, SessionStore, StoredFields } from './store.js';
import { dumpTagged, loadTagged } from '../python/tagged-json.js';
import type { SessionTimes } from '../timeouts.js';
import { deadline, timesEntry } from '../timeouts.js';

type Data = Record<string, unknown>;

class StoreSessionManager<D extends Data> {
  private readonly cookie: SignedCookie;
  private readonly store: SessionStore;

  constructor(private readonly options: NormalizedOptions & { store: SessionStore }) {
    this.cookie = new SignedCookie(options);
    this.store = options.store;
  }

  private async guard<T>(operation: 'read' | 'write', work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      this.options.onEvent({ kind: 'store-unavailable', operation, detail });
      throw new SessionStoreUnavailable(operation, { cause });
    }
  }

  private empty(): Session<D> {
    return new Session<D>(
      emptySessionData(),
      newOrigin(this.options.permanent, this.options.hooks),
    );
  }

  async load(cookieHeader: string | undefined): Promise<Session<D>> {
    const read = this.cookie.read(cookieHeader);
    if (read.kind === 'none') return this.empty();
    if (read.kind === 'data') {
      if (this.options.storeWhen === 'oversize' || this.fitsCookie(read.data)) {
        return sessionFromCookie<D>(this.options, read);
      }
      const detail = 'the cookie carries session data, but sessions live in the store';
      this.options.onEvent({ kind: 'rejected', reason: 'not-a-store-cookie', detail });
      return this.empty();
    }
    const fields = await this.guard('read', () => this.store.read(read.id));
    if (fields === undefined) {
      const detail = 'no stored session under this id (expired, destroyed or regenerated)';
      this.options.onEvent({ kind: 'rejected', reason: 'unknown-session', detail });
      return this.empty();
    }
    const data = parseFields(fields);
    if (data === undefined) {
      const detail = 'a stored field is not valid tagged JSON';
      this.options.onEvent({ kind: 'rejected', reason: 'bad-payload', detail });
      return this.empty();
    }
    const { id, times, timesCarried, keyIndex } = read;
    const origin = {
      ...newOrigin(this.options.permanent, this.options.hooks),
      fields,
      id,
      times,
      timesCarried,
    };
    return loadedSession<D>(this.options, data, { ...origin, keyIndex });
  }

  async commit(session: Session<D>, options: CommitOptions = {}): Promise<string | undefined> {
    const state = snapshot(session);
    const secure = options.secure === true;
    let header: string | undefined;
    const { storeWhen } = this.options;
    const inCookie =
      state.origin.id === undefined && (storeWhen === 'oversize' || this.fitsCookie(state.data));
    if (inCookie) {
      const result = commitToCookie(this.options, this.cookie, state, secure);
      if (result.kind === 'oversize') {
        const { maxCookieSize: limit, onEvent } = this.options;
        onEvent({ kind: 'oversize', size: result.size, limit, action: 'spilled' });
        header = await this.commitToStore(state, secure);
      } else if (result.kind === 'ok') header = result.header;
    } else {
      header = await this.commitToStore(state, secure);
    }
    seal(session);
    return header;
  }

  /**
   * Whether `data` holds only `cookieKeys` (and a `_permanent` at its default), and so may
   * live in the cookie while sessions otherwise live in the store.
   */
  private fitsCookie(data: Readonly<Record<string, unknown>>): boolean {
    const { cookieKeys, permanent } = this.options;
    if (cookieKeys.size === 0) return false;
    for (const key in data) {
      if (cookieKeys.has(key)) continue;
      if (key === PERMANENT_KEY && data[key] === permanent) continue;
      return false;
    }
    return true;
  }

  private async commitToStore(state: SessionSnapshot, secure: boolean) {
    const { origin } = state;
    if (state.empty) {
      if (!state.modified) return undefined;
      const { id } = origin;
      if (id !== undefined) await this.guard('write', () => this.store.destroy(id));
      return this.cookie.deletion(secure);
    }
    const now = this.cookie.now();
    const times = baseTimes(state, now);
    if (origin.id === undefined || state.lifecycle === 'regenerate') {
      const id = randomBytes(32).toString('base64url');
      const change = { kind: 'replace', fields: allFields(state), ...retire(origin.id) } as const;
      await this.guard('write', () => this.store.write(id, change, this.ttl(times, now)));
      return this.idCookie(id, times, state, secure);
    }
    return this.patch(origin.id, state, secure, now);
  }

  private async patch(id: string, state: SessionSnapshot, secure: boolean, now: number) {
    const times = baseTimes(state, now);
    const refresh = isRefreshDue(this.options, state, now);
    const { set, remove } = changedFields(state);
    const next = refresh ? { created: times.created, seen: now } : times;
    if (refresh || remove.length > 0 || Object.keys(set).length > 0) {
      const change = { kind: 'patch', set, remove } as const;
      const found = await this.guard('write', () =>
        this.store.write(id, change, this.ttl(next, now)),
      );
      if (!found) {
        // Destroyed or regenerated by a parallel request: its id must stay dead, and sending
        // a deletion here could log out the browser's newer session, so send nothing.
        const detail = 'the stored session ended during this request; its changes are dropped';
        this.options.onEvent({ kind: 'rejected', reason: 'unknown-session', detail });
        return undefined;
      }
    }
    if (!refresh && state.origin.keyIndex === 0) return undefined;
    return this.idCookie(id, next, state, secure);
  }

  private ttl(times: SessionTimes, now: number): number {
    return Math.max(1, deadline(times, this.options.lifetimes) - now);
  }

  private idCookie(id: string, times: SessionTimes, state: SessionSnapshot, secure: boolean) {
    const payload = dumpTagged(
      Object.assign(emptySessionData(), { [SID_KEY]: id }, timesEntry(times)),
    );
    const result = this.cookie.write(payload, times, state.permanent, secure);
    if (result.kind === 'ok') return result.header;
    throw new SessionTooLarge(result.size, this.options.maxCookieSize);
  }
}

function retire(id: string | undefined): { retire?: string } {
  return id === undefined ? {} : { retire: id };
}

/** The stored fields as a session dictionary, or `undefined` if one is unreadable. */
function parseFields(fields: StoredFields) {
  const data = emptySessionData();
  for (const [key, text] of Object.entries(fields)) {
    const loaded = loadTagged(text);
    if (loaded === undefined) return undefined;
    data[key] = loaded.value;
  }
  return data;
}

/** Builds the asynchronous store manager from normalised options. */
export function storeSessionManager<D extends Data>(
  options: NormalizedOptions & { store: SessionStore },
) {
  return new StoreSessionManager<D>(options);
}
