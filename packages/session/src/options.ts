/**
 * Session manager options, checked and normalised once when the manager is built so the
 * per-request path only reads plain fields.
 */
import { SESSION_MODES, type SessionMode } from './cookie/codec.js';
import type { SameSite } from './cookie/cookie-header.js';
import { isCookieName, SAME_SITE_VALUES } from './cookie/cookie-header.js';
import type { SessionEvent } from './events.js';
import { checkFlaskCompatible, FLASK_LIFETIME } from './flask-compatible.js';
import {
  callback,
  flag,
  knownKeys,
  oneOf,
  secretList,
  shown,
  stringList,
  text,
  wholeNumber,
  withMethods,
} from './option-checks.js';
import { DEFAULT_RECENT_COOKIE_BYTES } from './cache/recent-cookies.js';
import type { KeyCheck, SessionKeySchemas } from './key-schemas.js';
import { keyChecks } from './key-schemas.js';
import type { SessionSchema } from './schema.js';
import { writeFailure } from './schema.js';
import type { SessionData } from './session-data.js';
import type { SessionHooks } from './session.js';
import type { SessionStore } from './stores/store.js';
import type { Lifetimes } from './timeouts.js';

/** How unchanged sessions are re-issued to record activity (and push the idle deadline). */
export type RefreshPolicy = boolean | { readonly afterSeconds: number };

/** Options of `createSessionManager`; only `secrets` is required. */
export interface SessionManagerOptions<
  Data extends Record<string, unknown> = Record<string, unknown>,
> {
  /** Secrets, current first: the first signs, all verify (`SECRET_KEY`, then fallbacks). */
  readonly secrets: readonly (string | Uint8Array)[];
  /**
   * Shortest secret accepted, in bytes. Default 32: a shorter one can be brute-forced from a
   * single cookie offline. Set 0 only to read cookies of apps with short keys (Flask's docs).
   */
  readonly minSecretBytes?: number;
  /** Wire mode: `canvass` (HMAC-SHA256, default) or `flask` (HMAC-SHA1, Flask 3.x). */
  readonly mode?: SessionMode;
  /**
   * Write exactly what Flask 3.1 writes (implies `mode: 'flask'`): no `_canvass_t`, Flask's
   * cookie defaults (no `SameSite`, not permanent, 31 days, `Expires` without `Max-Age`) and
   * its refresh rule; the idle timeout runs from the cookie's signing time, so activity on
   * the Flask side counts. No absolute lifetime, store or encryption. See flask-compatible.ts.
   */
  readonly flaskCompatible?: boolean;
  /**
   * Encrypt the payload with AES-256-GCM (keys derived from `secrets` with HKDF) instead of
   * only signing it, so the browser cannot read the session. See encrypted-cookie.ts.
   */
  readonly encryption?: 'aes-256-gcm';
  /** Default for both lifetimes below, in seconds. Default 30 days. */
  readonly maxAge?: number;
  /** Seconds without a visit after which the session is dead. Default `maxAge`. */
  readonly idleTimeout?: number;
  /** Seconds after creation (or `regenerate()`) after which it is dead. Default `maxAge`. */
  readonly absoluteTimeout?: number;
  /**
   * Cookie name. Default `session`. A `__Host-` name (e.g. `__Host-session`, against cookie
   * tossing from sibling subdomains) requires `secure: true` and path `/`; `__Secure-` requires
   * `secure: true`.
   */
  readonly cookieName?: string;
  /** Always mark the cookie `Secure`; otherwise each commit says (e.g. over HTTPS). */
  readonly secure?: boolean;
  /** Whether sessions without an explicit `permanent` outlive the browser. Default true. */
  readonly permanent?: boolean;
  /**
   * When an unchanged session is re-issued to record activity. `true`: whenever that would
   * push its deadline; `false`: never (it then dies `idleTimeout` after its last change);
   * `{ afterSeconds }`: once it was last seen that long ago. Default: half the idle timeout.
   */
  readonly refreshEachRequest?: RefreshPolicy;
  /** Largest `Set-Cookie` line allowed, in bytes. Default 4093 (Werkzeug's limit). */
  readonly maxCookieSize?: number;
  /**
   * Characters of cookie values (and their payloads) remembered as already signed or verified,
   * so the same value coming back skips its HMAC; time checks and parsing still run. Default
   * 1 Mi; 0 verifies every cookie in full. See recent-cookies.ts.
   */
  readonly recentCookieBytes?: number;
  /**
   * What a commit does with a session too large for its cookie (and no store to spill to):
   * `throw` a `SessionTooLarge` (default; use in development), or `drop` the change, report
   * an `oversize` event and send no `Set-Cookie`, so the browser keeps its previous cookie.
   */
  readonly onOversize?: 'throw' | 'drop';
  /** `SameSite` attribute. Default `Lax` (none with `flaskCompatible`, as Flask). */
  readonly sameSite?: SameSite;
  /** Cookie `Path`. Default `/`. */
  readonly path?: string;
  /**
   * Checked on load; a session that fails it is empty (and an `invalid` event). While
   * `checkWrites` is on, also checked at each `set`/`delete` of a key.
   */
  readonly schema?: SessionSchema<Data>;
  /**
   * A schema per key (zod-like `safeParse` or a Standard Schema), e.g. `{ userId: z.string() }`.
   * On load a key whose value fails its schema is dropped alone (an `invalid` event names it)
   * and the rest of the session is kept. A `set` of a value its key's schema refuses is never
   * made: it throws `InvalidSessionWrite` while `checkWrites` is on, otherwise it is reported
   * (`invalid`) and ignored. Keys not listed are not checked. See key-schemas.ts.
   */
  readonly keys?: SessionKeySchemas<Data>;
  /**
   * Check each `set`/`delete` against the `schema`, throwing `InvalidSessionWrite` for a value
   * it refuses (rather than signing a session the next request discards); also whether a value
   * refused by its `keys` schema throws (on) or is reported and ignored (off). Default: on
   * unless `NODE_ENV` is `production`, where the whole-session check would cost every write.
   */
  readonly checkWrites?: boolean;
  /** A server-side store: the cookie then carries a signed id (see `storeWhen`). */
  readonly store?: SessionStore;
  /**
   * `always` (default): every session lives in the store, and a cookie that carries session
   * data is refused (a cookie from before the store, say one holding an admin flag, must not
   * outlive what the store can revoke). `oversize`: only sessions too large for the cookie.
   */
  readonly storeWhen?: 'always' | 'oversize';
  /**
   * With a store (`always`): keys a session may hold in its cookie while it holds nothing
   * else, so it costs the store nothing (Canvass: the CSRF token each form page mints, which a
   * mere page view would otherwise turn into a stored session; issue 18). The first other key
   * written moves the whole session into the store. A cookie carrying any other key is refused.
   */
  readonly cookieKeys?: readonly string[];
  /** The clock, in milliseconds since the epoch (like `Date.now`), for tests. */
  readonly now?: () => number;
  /** Receives structured events for logging. It must not throw. */
  readonly onEvent?: (event: SessionEvent) => void;
}

/** The options with every default filled in. */
export interface NormalizedOptions {
  readonly secrets: readonly (string | Uint8Array)[];
  readonly mode: SessionMode;
  /** Flask's cookie, defaults and refresh rule, without `_canvass_t` (flask-compatible.ts). */
  readonly flaskCompatible: boolean;
  /** Whether payloads are sealed with AES-256-GCM rather than only signed. */
  readonly encrypted: boolean;
  /** `absolute` is `Infinity` when `flaskCompatible` (Flask keeps no creation time). */
  readonly lifetimes: Lifetimes;
  readonly cookieName: string;
  readonly secure: boolean;
  readonly permanent: boolean;
  /** Seconds after `seen` when an unchanged session is re-issued; Infinity = never. */
  readonly refreshAfter: number;
  readonly maxCookieSize: number;
  readonly recentCookieBytes: number;
  readonly onOversize: 'throw' | 'drop';
  /** `undefined`: no attribute (Flask's default, with `flaskCompatible`). */
  readonly sameSite: SameSite | undefined;
  readonly path: string;
  readonly schema: SessionSchema<Record<string, unknown>> | undefined;
  /** The `keys` option: one check per listed key (empty without it). */
  readonly keys: ReadonlyMap<string, KeyCheck>;
  readonly store: SessionStore | undefined;
  readonly storeWhen: 'always' | 'oversize';
  readonly cookieKeys: ReadonlySet<string>;
  readonly now: () => number;
  readonly onEvent: (event: SessionEvent) => void;
  /** What every session of this manager reports to (built once, here). */
  readonly hooks: SessionHooks;
}

/** 30 days, Canvass' `SESSION_MAX_AGE` default (Flask's is 31). */
export const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

/** The default shortest secret, in bytes. */
export const MIN_SECRET_BYTES = 32;

/**
 * Refresh policy. Flask re-signs a permanent session on every response; Canvass waits until
 * half the idle window has passed. Re-signing less often also narrows a real race: a refresh
 * carries the payload loaded at the start of its request, so a slow GET answered after a
 * concurrent POST would overwrite the POST's newer cookie (a lost answer).
 */
function refreshAfter(policy: unknown, idle: number): number {
  if (policy === true) return 0;
  if (policy === false) return Infinity;
  if (policy === undefined) return Math.floor(idle / 2);
  if (typeof policy !== 'object' || policy === null) {
    throw new TypeError(
      `Session option refreshEachRequest must be true, false or { afterSeconds } (got ${shown(policy)})`,
    );
  }
  const after = (policy as { readonly afterSeconds?: unknown }).afterSeconds;
  return wholeNumber('refreshEachRequest.afterSeconds', after, 0);
}

/**
 * Cookie name prefixes (RFC 6265bis §4.1.3): browsers store a `__Secure-` cookie only with
 * `Secure`, and a `__Host-` one only with `Secure`, `Path=/` and no `Domain` (this layer never
 * sets one), which is what stops a sibling subdomain from planting or overwriting it (cookie
 * tossing). A name the browser would refuse fails here instead of silently losing every session.
 */
function checkPrefix(cookieName: string, secure: boolean, path: string): void {
  const name = cookieName.toLowerCase();
  if ((name.startsWith('__host-') || name.startsWith('__secure-')) && !secure) {
    throw new TypeError(`Session cookie ${cookieName} needs secure: true (its prefix says so)`);
  }
  if (name.startsWith('__host-') && path !== '/') {
    throw new TypeError(`Session cookie ${cookieName} needs path "/" (its __Host- prefix says so)`);
  }
}

function checkSecrets(secrets: readonly (string | Uint8Array)[], min: number): void {
  secrets.forEach((secret, index) => {
    const bytes = typeof secret === 'string' ? Buffer.byteLength(secret) : secret.byteLength;
    if (bytes > 0 && bytes < min) {
      throw new RangeError(
        `Session secret #${index} is ${bytes} bytes; at least ${min} are required ` +
          '(generate one with: openssl rand -base64 48)',
      );
    }
  });
}

/** Every option's name, to refuse a misspelt one. */
const OPTION_NAMES = [
  'secrets',
  'minSecretBytes',
  'mode',
  'flaskCompatible',
  'encryption',
  'maxAge',
  'idleTimeout',
  'absoluteTimeout',
  'cookieName',
  'secure',
  'permanent',
  'refreshEachRequest',
  'maxCookieSize',
  'recentCookieBytes',
  'onOversize',
  'sameSite',
  'path',
  'schema',
  'keys',
  'checkWrites',
  'store',
  'storeWhen',
  'cookieKeys',
  'now',
  'onEvent',
] as const satisfies readonly (keyof SessionManagerOptions)[];

/** An option that is absent (or `undefined`) takes its default; otherwise it is checked. */
function given<T, U>(value: T | undefined, fallback: U, check: (value: T) => U): U {
  return value === undefined ? fallback : check(value);
}

function cookieNameOption(value: unknown): string {
  const name = text('cookieName', value);
  if (!isCookieName(name)) {
    throw new TypeError(
      `Session option cookieName must be a cookie name: letters, digits and !#$%&'*+-.^_\`|~ (got ${shown(name)})`,
    );
  }
  return name;
}

function pathOption(value: unknown): string {
  const path = text('path', value);
  // eslint-disable-next-line no-control-regex -- control characters would split the header
  if (!path.startsWith('/') || /[\x00-\x1f;\x7f]/.test(path)) {
    throw new TypeError(
      `Session option path must start with "/" and hold no ";" or control character (got ${shown(path)})`,
    );
  }
  return path;
}

/**
 * The hooks of the manager's sessions: events, and the check of writes. A key's own schema is
 * always checked (it costs one value's parse); the whole-session schema only while `strict`
 * (development), which is also when a refused write throws rather than being reported.
 */
function writeChecked(
  report: (event: SessionEvent) => void,
  schema: SessionSchema<Record<string, unknown>> | undefined,
  keys: ReadonlyMap<string, KeyCheck>,
  strict: boolean,
): SessionHooks {
  const whole = strict ? schema : undefined;
  if (whole === undefined && keys.size === 0) return { report };
  const checkWrite = (data: SessionData, key: string, value: unknown): string | undefined => {
    const check = value === undefined ? undefined : keys.get(key);
    const failure = check?.(value);
    return failure ?? (whole && writeFailure(whole, data, key, value));
  };
  return { report, checkWrite, throwOnInvalid: strict };
}

/** Checks and completes the options; throws a `TypeError`/`RangeError` naming the bad one. */
export function normalizeOptions<Data extends Record<string, unknown>>(
  options: SessionManagerOptions<Data>,
): NormalizedOptions {
  // A JavaScript caller may pass anything at all.
  const raw: unknown = options;
  if (typeof raw !== 'object' || raw === null) {
    throw new TypeError(`Session options must be an object with secrets (got ${shown(raw)})`);
  }
  knownKeys(options, OPTION_NAMES);
  const flask = given(options.flaskCompatible, false, (v) => flag('flaskCompatible', v));
  if (flask) checkFlaskCompatible(options as unknown as Record<string, unknown>);
  const secrets = secretList(options.secrets);
  const cookieName = given(options.cookieName, 'session', cookieNameOption);
  const path = given(options.path, '/', pathOption);
  const secure = given(options.secure, false, (v) => flag('secure', v));
  checkPrefix(cookieName, secure, path);
  checkSecrets(
    secrets,
    given(options.minSecretBytes, MIN_SECRET_BYTES, (v) => wholeNumber('minSecretBytes', v, 0)),
  );
  const maxAge = given(options.maxAge, flask ? FLASK_LIFETIME : DEFAULT_MAX_AGE, (v) =>
    wholeNumber('maxAge', v),
  );
  const idle = given(options.idleTimeout, maxAge, (v) => wholeNumber('idleTimeout', v));
  const absolute = flask
    ? Infinity
    : given(options.absoluteTimeout, maxAge, (v) => wholeNumber('absoluteTimeout', v));
  const onEvent = given(
    options.onEvent,
    () => undefined,
    (v) => callback('onEvent', v),
  );
  const schema = given(options.schema, undefined, (v) => withMethods('schema', v, ['safeParse']));
  const keys = given(options.keys, new Map<string, KeyCheck>(), keyChecks);
  const checkWrites = given(options.checkWrites, process.env.NODE_ENV !== 'production', (v) =>
    flag('checkWrites', v),
  );
  return {
    secrets,
    mode: flask ? 'flask' : given(options.mode, 'canvass', (v) => oneOf('mode', v, SESSION_MODES)),
    flaskCompatible: flask,
    encrypted:
      given(options.encryption, undefined, (v) =>
        oneOf('encryption', v, ['aes-256-gcm'] as const),
      ) !== undefined,
    lifetimes: { idle, absolute },
    cookieName,
    secure,
    // Flask's session.permanent is False until the app sets it; it re-signs on every request.
    permanent: given(options.permanent, !flask, (v) => flag('permanent', v)),
    refreshAfter: refreshAfter(options.refreshEachRequest ?? (flask || undefined), idle),
    maxCookieSize: given(options.maxCookieSize, 4093, (v) => wholeNumber('maxCookieSize', v)),
    recentCookieBytes: given(options.recentCookieBytes, DEFAULT_RECENT_COOKIE_BYTES, (v) =>
      wholeNumber('recentCookieBytes', v, 0),
    ),
    onOversize: given(options.onOversize, 'throw', (v) =>
      oneOf('onOversize', v, ['throw', 'drop'] as const),
    ),
    sameSite: given(options.sameSite, flask ? undefined : 'Lax', (v) =>
      oneOf('sameSite', v, SAME_SITE_VALUES),
    ),
    path,
    schema,
    keys,
    store: given(options.store, undefined, (v) =>
      withMethods('store', v, ['read', 'write', 'destroy']),
    ),
    storeWhen: given(options.storeWhen, 'always', (v) =>
      oneOf('storeWhen', v, ['always', 'oversize'] as const),
    ),
    cookieKeys: new Set(given(options.cookieKeys, [], (v) => stringList('cookieKeys', v))),
    now: given(options.now, Date.now, (v) => callback('now', v)),
    onEvent,
    hooks: writeChecked(onEvent, schema, keys, checkWrites),
  };
}
