/**
 * The per-browser session dictionary handed to route handlers. It tracks three things the
 * manager needs at commit time: whether it was `accessed` at all (→ `Vary: Cookie`),
 * whether it was `modified` directly (set/delete/clear/flash), and whether a mutable value
 * was handed out (→ compare the serialised payload with the one loaded, so in-place changes
 * such as `session.get('fruits').push('cherry')` are saved without reassigning).
 */
import { MissingSessionKey } from './errors.js';
import type { Flash, FlashCategory } from './flash.js';
import { FLASHES_KEY, flashEntry, readFlashes } from './flash.js';
import type { SessionData } from './session-data.js';
import { emptySessionData } from './session-data.js';
import { dumpTagged } from './tagged-json.js';

/** Flask's key for `session.permanent`. */
const PERMANENT_KEY = '_permanent';

/** Where a session came from, as the manager set it up; internal to the session layer. */
export interface SessionOrigin {
  /** Payload JSON as it was signed, or `undefined` for a new session. */
  readonly text: string | undefined;
  /** Signing time of the cookie, in seconds; `undefined` for a new session. */
  readonly issuedAt: number | undefined;
  /** Index of the key that verified the cookie (0 = current). */
  readonly keyIndex: number;
  /** Whether a session without `_permanent` counts as permanent. */
  readonly permanentByDefault: boolean;
}

interface SessionState {
  data: SessionData;
  accessed: boolean;
  modified: boolean;
  handedOut: boolean;
  readonly origin: SessionOrigin;
}

type Key<Data> = keyof Data & string;

const NEW_SESSION: SessionOrigin = {
  text: undefined,
  issuedAt: undefined,
  keyIndex: 0,
  permanentByDefault: true,
};

// Assigned in Session's static block: lets the manager see the state without a public API.
let stateOf: <D extends Record<string, unknown>>(session: Session<D>) => SessionState;

/**
 * A session dictionary, typed by its shape. Reads are lenient (`get` → `undefined`) or
 * strict (`require` → throws `MissingSessionKey`), as in the seed's `session.get()` vs
 * `session['key']`. Flash messages and `permanent` are stored under Flask's own keys.
 */
export class Session<Data extends Record<string, unknown> = Record<string, unknown>> {
  readonly #state: SessionState;

  static {
    stateOf = (session) => session.#state;
  }

  /** Creates a session; the manager passes what it loaded, tests may pass plain data. */
  constructor(data: SessionData = emptySessionData(), origin: SessionOrigin = NEW_SESSION) {
    // A stored `_permanent` equal to the default says nothing: dropping it keeps a session
    // whose last real key is removed empty (so its cookie is deleted, not re-sent).
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
    if (data[PERMANENT_KEY] === origin.permanentByDefault) delete data[PERMANENT_KEY];
    this.#state = { data, accessed: false, modified: false, handedOut: false, origin };
  }

  /** Whether anything read or wrote the session during this request. */
  get accessed(): boolean {
    return this.#state.accessed;
  }

  /** Whether the session was changed through its methods (in-place changes show at commit). */
  get modified(): boolean {
    return this.#state.modified;
  }

  #read(key: string): unknown {
    const state = this.#state;
    state.accessed = true;
    const value = state.data[key];
    // An object may be changed in place later: commit will then compare payloads.
    if (typeof value === 'object' && value !== null) state.handedOut = true;
    return value;
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

  /** Whether `key` is in the session. */
  has(key: Key<Data>): boolean {
    this.#state.accessed = true;
    return key in this.#state.data;
  }

  /** Sets `key` (an `undefined` value is not stored, like a missing optional field). */
  set<K extends Key<Data>>(key: K, value: Data[K]): void {
    this.markModified();
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
    if (value === undefined) delete this.#state.data[key];
    else this.#state.data[key] = value;
  }

  /** Removes `key`; returns whether it was there (only then is the session modified). */
  delete(key: Key<Data>): boolean {
    if (!this.has(key)) return false;
    this.markModified();
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
    return delete this.#state.data[key];
  }

  /** Empties the session; the cookie is deleted at commit (even if it was already empty). */
  clear(): void {
    this.markModified();
    this.#state.data = emptySessionData();
  }

  /** The keys present, Flask's internal ones (`_flashes`, `_permanent`) included. */
  keys(): string[] {
    this.#state.accessed = true;
    return Object.keys(this.#state.data);
  }

  /** Forces the session to be saved at commit, as Flask's `session.modified = True`. */
  markModified(): void {
    this.#state.accessed = true;
    this.#state.modified = true;
  }

  /** Whether the cookie outlives the browser (`Expires`/`Max-Age`); stored as `_permanent`. */
  get permanent(): boolean {
    this.#state.accessed = true;
    return isPermanent(this.#state);
  }

  set permanent(value: boolean) {
    this.markModified();
    this.#state.data[PERMANENT_KEY] = value;
  }

  /** Queues a message for the next page that renders (Flask's `flash`). */
  flash(message: string, category: FlashCategory = 'info'): void {
    const previous = this.#state.data[FLASHES_KEY];
    const list = Array.isArray(previous) ? [...(previous as unknown[])] : [];
    list.push(flashEntry(category, message));
    this.markModified();
    this.#state.data[FLASHES_KEY] = list;
  }

  /**
   * Returns the queued messages and removes them, so each is shown once. With none queued
   * nothing changes, so a page that merely looks for flashes sends no `Set-Cookie`.
   */
  consumeFlashes(): Flash[] {
    const state = this.#state;
    state.accessed = true;
    if (!(FLASHES_KEY in state.data)) return [];
    const flashes = readFlashes(state.data[FLASHES_KEY]);
    state.modified = true;
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
    delete state.data[FLASHES_KEY];
    return flashes;
  }
}

function isPermanent(state: SessionState): boolean {
  const stored = state.data[PERMANENT_KEY];
  return stored === undefined ? state.origin.permanentByDefault : Boolean(stored);
}

/** What the manager needs to decide on a `Set-Cookie`, read without marking access. */
export interface SessionSnapshot {
  readonly empty: boolean;
  readonly permanent: boolean;
  readonly origin: SessionOrigin;
  /** Whether the content differs from what was loaded; may serialise to find out. */
  readonly changed: boolean;
  /** The payload to sign (serialised at most once per commit). */
  readonly payload: () => string;
}

/**
 * Looks at a session for commit. A permanent session that lacks `_permanent` gets it in
 * the payload, so a Flask app reading the cookie also treats it as permanent.
 */
export function snapshot<D extends Record<string, unknown>>(session: Session<D>): SessionSnapshot {
  const state = stateOf(session);
  const empty = Object.keys(state.data).length === 0;
  const permanent = isPermanent(state);
  let text: string | undefined;
  const payload = (): string => {
    if (text !== undefined) return text;
    let data = state.data;
    if (permanent && !empty && !(PERMANENT_KEY in data)) {
      data = Object.assign(emptySessionData(), data, { [PERMANENT_KEY]: true });
    }
    return (text = dumpTagged(data));
  };
  const changed = state.modified || (state.handedOut && payload() !== state.origin.text);
  return { empty, permanent, origin: state.origin, changed, payload };
}
