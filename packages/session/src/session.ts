/**
 * The per-browser session dictionary handed to route handlers. It records what the manager
 * needs at commit time, cheaply: whether it was `accessed` (→ `Vary: Cookie`), which keys
 * were changed through its methods (`dirty`), and which keys had a mutable value handed out
 * (only those are re-serialised at commit, to find in-place changes such as
 * `session.get('fruits').push('cherry')`). A request that reads only primitives therefore
 * serialises nothing, and a store can write just the keys that changed.
 */
import { InvalidSessionWrite, SessionAlreadyCommitted, MissingSessionKey } from './errors.js';
import type { LateOperation, SessionEvent } from './events.js';
import type { Flash, FlashCategory } from './flash.js';
import { FLASHES_KEY, flashEntry, readFlashes } from './flash.js';
import type { SessionData } from './session-data.js';
import { emptySessionData } from './session-data.js';
import { derivedOnce, thawed } from './cache/shared-data.js';
import type { SessionTimes } from './timeouts.js';

/** Flask's key for `session.permanent`. */
export const PERMANENT_KEY = '_permanent';

/** Where a session came from, as the manager set it up; internal to the session layer. */
export interface SessionOrigin {
  /** Payload JSON as it was signed (cookie mode), or `undefined`. */
  readonly text: string | undefined;
  /** Each key's tagged JSON as stored (store mode), or `undefined`. */
  readonly fields: Readonly<Record<string, string>> | undefined;
  /** The store id, when the data lives in a store. */
  readonly id: string | undefined;
  /** Creation and last-seen times; `undefined` for a new session. */
  readonly times: SessionTimes | undefined;
  /** Whether the signed payload carried the times (a Flask-written one does not). */
  readonly timesCarried: boolean;
  /** Index of the key that verified the cookie (0 = current). */
  readonly keyIndex: number;
  /** Whether a session without `_permanent` counts as permanent. */
  readonly permanentByDefault: boolean;
  /**
   * The frozen template whose values the data shares with other requests (shared-data.ts):
   * such a value is copied before it is handed out for change.
   */
  readonly shared: SessionData | undefined;
  /** What the manager lends every session it makes: where to report, what to check. */
  readonly hooks: SessionHooks;
}

/** The manager's side of a session, shared by all its sessions (built once, with the options). */
export interface SessionHooks {
  /** Receives a write made after the commit (the write itself is ignored). */
  readonly report: (event: SessionEvent) => void;
  /**
   * In development, with a schema: why setting `key` to `value` (`undefined`: removing it)
   * would make the session fail the schema, or `undefined`. Absent in production.
   */
  readonly checkWrite?: (data: SessionData, key: string, value: unknown) => string | undefined;
  /**
   * Whether a write `checkWrite` refuses throws `InvalidSessionWrite` (development) or is
   * reported as an `invalid` event and not made (production).
   */
  readonly throwOnInvalid?: boolean;
}

/** The hooks of a session made outside a manager (tests): late writes go unreported. */
const NO_HOOKS: SessionHooks = { report: () => undefined };

/** What should happen to the session's identity at commit. */
export type Lifecycle = 'keep' | 'regenerate' | 'destroy';

interface SessionState {
  data: SessionData;
  accessed: boolean;
  /** `NONE` until a key is added: most requests add none, and need no set. */
  dirty: ReadonlySet<string>;
  handedOut: ReadonlySet<string>;
  cleared: boolean;
  /** `markModified()` was called: save even what looks unchanged. */
  forced: boolean;
  lifecycle: Lifecycle;
  committed: boolean;
  readonly origin: SessionOrigin;
}

type Key<Data> = keyof Data & string;

/** A value seen through `peek`: nothing in it may be changed. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [P in keyof T]: DeepReadonly<T[P]> }
    : T;

/** The origin of a session that has never been sent to a browser. */
export function newOrigin(permanentByDefault = true, hooks = NO_HOOKS): SessionOrigin {
  return {
    text: undefined,
    fields: undefined,
    id: undefined,
    times: undefined,
    timesCarried: false,
    keyIndex: 0,
    permanentByDefault,
    shared: undefined,
    hooks,
  };
}

/** The shared empty key set of a session that has added none. */
const NONE: ReadonlySet<string> = new Set<string>();

/** `keys` with `key` added: a set of the session's own (made on first use), never `NONE`. */
function withKey(keys: ReadonlySet<string>, key: string): ReadonlySet<string> {
  const own = keys === NONE ? new Set<string>() : (keys as Set<string>);
  own.add(key);
  return own;
}

// Assigned in Session's static block: lets the manager see the state without a public API.
let stateOf: (session: object) => SessionState;

/**
 * A session dictionary, typed by its shape. Reads are lenient (`get` → `undefined`) or
 * strict (`require` → throws `MissingSessionKey`), as in the seed's `session.get()` vs
 * `session['key']`. Flash messages and `permanent` are stored under Flask's own keys.
 */
export class Session<Data extends Record<string, unknown> = Record<string, unknown>> {
  readonly #state: SessionState;

  static {
    stateOf = (session) => (session as Session).#state;
  }

  /** Creates a session; the manager passes what it loaded, tests may pass plain data. */
  constructor(data: SessionData = emptySessionData(), origin: SessionOrigin = newOrigin()) {
    // A stored `_permanent` equal to the default says nothing: dropping it keeps a session
    // whose last real key is removed empty (so its cookie is deleted, not re-sent).
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
    if (data[PERMANENT_KEY] === origin.permanentByDefault) delete data[PERMANENT_KEY];
    this.#state = {
      data,
      accessed: false,
      dirty: NONE,
      handedOut: NONE,
      cleared: false,
      forced: false,
      lifecycle: 'keep',
      committed: false,
      origin,
    };
  }

  /** Whether anything read or wrote the session during this request. */
  get accessed(): boolean {
    return this.#state.accessed;
  }

  /** Whether the session was changed through its methods (in-place changes show at commit). */
  get modified(): boolean {
    return isModified(this.#state);
  }

  #read(key: string): unknown {
    const state = this.#state;
    state.accessed = true;
    let value = state.data[key];
    if (typeof value === 'object' && value !== null) {
      // Another request's value too: this request gets its own copy to change.
      if (state.origin.shared?.[key] === value) state.data[key] = value = thawed(value);
      // An object may be changed in place later: commit will then compare this key.
      state.handedOut = withKey(state.handedOut, key);
    }
    return value;
  }

  /**
   * The state to change, or `undefined` once the session is committed: the change could never
   * reach the browser or the store. Such a late write (typically from a timer or a callback
   * that outlived its request) is reported and ignored rather than thrown, since a throw there
   * lands outside any request and would take the process down (issue 19).
   */
  #touch(operation: LateOperation, key?: string): SessionState | undefined {
    const state = this.#state;
    if (state.committed) {
      reportLate(state.origin.hooks, operation, key);
      return undefined;
    }
    state.accessed = true;
    return state;
  }

  #write(operation: LateOperation, key: string, value?: unknown): SessionState | undefined {
    const state = this.#touch(operation, key);
    if (state === undefined) return undefined;
    const { hooks } = state.origin;
    const failure = hooks.checkWrite?.(state.data, key, value);
    if (failure !== undefined) {
      if (hooks.throwOnInvalid === true) throw new InvalidSessionWrite(key, failure);
      hooks.report({ kind: 'invalid', key, detail: `write refused: ${failure}` });
      return undefined;
    }
    state.dirty = withKey(state.dirty, key);
    return state;
  }

  /** The value under `key`, or `undefined` when it is missing (Flask's `session.get`). */
  get<K extends Key<Data>>(key: K): Data[K] | undefined {
    return this.#read(key) as Data[K] | undefined;
  }

  /** The value under `key`; throws `MissingSessionKey` when missing (`session['key']`). */
  require<K extends Key<Data>>(key: K): Data[K] {
    if (!this.has(key)) throw new MissingSessionKey(key);
    return this.#read(key) as Data[K];
  }

  /**
   * The value under `key` for reading only, or `undefined`. Unlike `get`, it does not watch
   * the value for in-place changes, so a request that only peeks serialises nothing at
   * commit. The type is deeply read-only, and a value shared with other requests is frozen:
   * change a value through `get` (or `set`) instead.
   */
  peek<K extends Key<Data>>(key: K): DeepReadonly<Data[K]> | undefined {
    this.#state.accessed = true;
    return this.#state.data[key] as DeepReadonly<Data[K]> | undefined;
  }

  /**
   * `derive` of the value under `key` (or of `undefined`), read-only like `peek`: for what an
   * application computes from a session value, such as a parsed, validated entry. Pass a
   * function defined once (module level): when the value is the same from request to request,
   * the library may reuse an earlier result instead of calling it again, so `derive` must be
   * pure and its result is frozen when reused. Whether a value was reused is the library's
   * business (the recent-cookie cache); callers see one behaviour.
   */
  derive<K extends Key<Data>, T>(
    key: K,
    derive: (value: DeepReadonly<Data[K]> | undefined) => T,
  ): T {
    const state = this.#state;
    state.accessed = true;
    const value = state.data[key] as DeepReadonly<Data[K]> | undefined;
    const shared = state.origin.shared?.[key] === value && typeof value === 'object';
    return shared && value !== null ? derivedOnce(value, derive) : derive(value);
  }

  /** Whether `key` is in the session. */
  has(key: Key<Data>): boolean {
    this.#state.accessed = true;
    return key in this.#state.data;
  }

  /**
   * Sets `key` (an `undefined` value is not stored, like a missing optional field). In
   * development a value the manager's schema refuses throws `InvalidSessionWrite`.
   */
  set<K extends Key<Data>>(key: K, value: Data[K]): void {
    const state = this.#write('set', key, value);
    if (state === undefined) return;
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
    if (value === undefined) delete state.data[key];
    else state.data[key] = value;
  }

  /** Removes `key`; returns whether it was there (only then is the session modified). */
  delete(key: Key<Data>): boolean {
    if (!this.has(key)) return false;
    const state = this.#write('delete', key);
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
    return state !== undefined && delete state.data[key];
  }

  /** Empties the session; the cookie is deleted at commit (even if it was already empty). */
  clear(): void {
    const state = this.#touch('clear');
    if (state === undefined) return;
    state.cleared = true;
    state.data = emptySessionData();
  }

  /** The keys present, Flask's internal ones (`_flashes`, `_permanent`) included. */
  keys(): string[] {
    this.#state.accessed = true;
    return Object.keys(this.#state.data);
  }

  /**
   * Forces the whole session to be saved at commit, as Flask's `session.modified = True`.
   * Rarely needed: in-place changes to values read with `get` are found on their own.
   */
  markModified(): void {
    const state = this.#touch('markModified');
    if (state === undefined) return;
    state.forced = true;
    for (const key of Object.keys(state.data)) state.dirty = withKey(state.dirty, key);
  }

  /**
   * Gives the session a new identity at commit, keeping its data: a new store id (the old
   * one is deleted in the same transaction) and a new creation time. Call it when privileges
   * change, e.g. at login, so a session id planted or seen before cannot ride along
   * (session fixation, OWASP ASVS 3.2.1).
   */
  regenerate(): void {
    const state = this.#touch('regenerate');
    if (state === undefined) return;
    if (state.lifecycle !== 'destroy') state.lifecycle = 'regenerate';
  }

  /** Ends the session: its data is deleted (from the store too) and the cookie removed. */
  destroy(): void {
    const state = this.#touch('destroy');
    if (state === undefined) return;
    state.cleared = true;
    state.data = emptySessionData();
    state.lifecycle = 'destroy';
  }

  /** Whether the cookie outlives the browser (`Expires`/`Max-Age`); stored as `_permanent`. */
  get permanent(): boolean {
    this.#state.accessed = true;
    return isPermanent(this.#state);
  }

  set permanent(value: boolean) {
    const state = this.#write('permanent', PERMANENT_KEY);
    if (state !== undefined) state.data[PERMANENT_KEY] = value;
  }

  /**
   * Queues a message for the next page that renders (Flask's `flash`). A message already
   * queued is not queued twice, and only the latest `MAX_FLASHES` are kept: a client that
   * requests redirects without ever rendering a page must not grow its own session without
   * bound (past the cookie's limit, or in the store; issue 18). The category is any string,
   * as in Flask (`'message'`, `'warning'`, `'success'`…); Canvass' pages use `info`/`error`.
   */
  flash(message: string, category: FlashCategory = 'info'): void {
    const state = this.#write('flash', FLASHES_KEY);
    if (state === undefined) return;
    const previous = state.data[FLASHES_KEY];
    const list = (Array.isArray(previous) ? (previous as unknown[]) : []).filter(
      (entry) => !isFlash(entry, category, message),
    );
    list.push(flashEntry(category, message));
    state.data[FLASHES_KEY] = list.slice(-MAX_FLASHES);
  }

  /**
   * Returns the queued messages and removes them, so each is shown once. With none queued
   * nothing changes, so a page that merely looks for flashes sends no `Set-Cookie`. After the
   * commit the messages are returned but stay queued (the removal is a late write).
   */
  consumeFlashes(): Flash[] {
    this.#state.accessed = true;
    if (!(FLASHES_KEY in this.#state.data)) return [];
    const flashes = readFlashes(this.#state.data[FLASHES_KEY]);
    const state = this.#write('consumeFlashes', FLASHES_KEY);
    if (state === undefined) return flashes;
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
    delete state.data[FLASHES_KEY];
    return flashes;
  }
}

/**
 * Reports a late write, with the stack of an (unthrown) `SessionAlreadyCommitted`: what a log
 * reader needs is where the late write came from.
 */
function reportLate(hooks: SessionHooks, operation: LateOperation, key: string | undefined): void {
  const error = new SessionAlreadyCommitted();
  hooks.report({
    kind: 'late-write',
    operation,
    key,
    detail: `${error.message}: ${operation}${key === undefined ? '' : ` ${JSON.stringify(key)}`}`,
    stack: error.stack ?? '',
  });
}

/** Flash messages a session holds at most; older ones are dropped. */
export const MAX_FLASHES = 10;

/** Whether a stored flash entry is `(category, message)`. */
function isFlash(entry: unknown, category: string, message: string): boolean {
  return Array.isArray(entry) && entry[0] === category && entry[1] === message;
}

/** Whether the dictionary has no key (without listing them all, as `Object.keys` would). */
function isEmpty(data: SessionData): boolean {
  for (const _ in data) return false;
  return true;
}

function isModified(state: SessionState): boolean {
  return state.dirty.size > 0 || state.cleared || state.forced || state.lifecycle !== 'keep';
}

function isPermanent(state: SessionState): boolean {
  const stored = state.data[PERMANENT_KEY];
  return stored === undefined ? state.origin.permanentByDefault : Boolean(stored);
}

/** What the manager reads at commit, without marking the session accessed. */
export type SessionSnapshot = Snapshot;

/** A class rather than a literal: a literal with a getter is a dictionary-mode object. */
class Snapshot {
  readonly data: SessionData;
  readonly permanent: boolean;
  readonly origin: SessionOrigin;
  readonly dirty: ReadonlySet<string>;
  readonly handedOut: ReadonlySet<string>;
  readonly cleared: boolean;
  readonly lifecycle: Lifecycle;
  /** Whether anything was changed through the session's methods. */
  readonly modified: boolean;
  #empty: boolean | undefined;

  constructor(state: SessionState) {
    this.data = state.data;
    this.permanent = isPermanent(state);
    this.origin = state.origin;
    this.dirty = state.dirty;
    this.handedOut = state.handedOut;
    this.cleared = state.cleared;
    this.lifecycle = state.lifecycle;
    this.modified = isModified(state);
  }

  /** Whether the data has no key; worked out when first asked (a dictionary's keys cost). */
  get empty(): boolean {
    return (this.#empty ??= isEmpty(this.data));
  }
}

/** Looks at a session for commit. */
export function snapshot(session: object): SessionSnapshot {
  return new Snapshot(stateOf(session));
}

/**
 * Removes a key the manager found invalid on load. It counts as changed, so the commit writes
 * the session without it (instead of the bad value being reported again on every request).
 */
export function dropOnLoad(session: object, key: string): void {
  const state = stateOf(session);
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
  delete state.data[key];
  state.dirty = withKey(state.dirty, key);
}

/** Marks a session committed: a later write is reported (`late-write`) and ignored. */
export function seal(session: object): void {
  stateOf(session).committed = true;
}
