/**
 * Session manager options, checked and normalised once when the manager is built so the
 * per-request path only reads plain fields.
 */
import type { SessionMode } from './codec.js';
import type { SameSite } from './cookie-header.js';
import { isCookieName } from './cookie-header.js';
import type { SessionEvent } from './events.js';
import { DEFAULT_RECENT_COOKIE_BYTES } from './recent-cookies.js';
import type { SessionSchema } from './schema.js';
import type { SessionHooks } from './session.js';
import type { SessionStore } from './store.js';
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
  /** `SameSite` attribute. Default `Lax`. */
  readonly sameSite?: SameSite;
  /** Cookie `Path`. Default `/`. */
  readonly path?: string;
  /** Checked on load; a session that fails it is empty (and an `invalid` event). */
  readonly schema?: SessionSchema<Data>;
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
  readonly lifetimes: Lifetimes;
  readonly cookieName: string;
  readonly secure: boolean;
  readonly permanent: boolean;
  /** Seconds after `seen` when an unchanged session is re-issued; Infinity = never. */
  readonly refreshAfter: number;
  readonly maxCookieSize: number;
  readonly recentCookieBytes: number;
  readonly onOversize: 'throw' | 'drop';
  readonly sameSite: SameSite;
  readonly path: string;
  readonly schema: SessionSchema<Record<string, unknown>> | undefined;
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

/** `value` if it is a whole number of at least `min` (1 unless said), else a `RangeError`. */
function wholeNumber(name: string, value: number, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min) {
    const what = min === 1 ? 'a positive whole number' : `a whole number ≥ ${min}`;
    throw new RangeError(`Session option ${name} must be ${what}, got ${value}`);
  }
  return value;
}

/**
 * Refresh policy. Flask re-signs a permanent session on every response; Canvass waits until
 * half the idle window has passed. Re-signing less often also narrows a real race: a refresh
 * carries the payload loaded at the start of its request, so a slow GET answered after a
 * concurrent POST would overwrite the POST's newer cookie (a lost answer).
 */
function refreshAfter(policy: RefreshPolicy | undefined, idle: number): number {
  if (policy === true) return 0;
  if (policy === false) return Infinity;
  if (policy === undefined) return Math.floor(idle / 2);
  if (!(policy.afterSeconds >= 0)) throw new RangeError('refreshEachRequest.afterSeconds < 0');
  return policy.afterSeconds;
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

/** Checks and completes the options; throws a `TypeError`/`RangeError` naming the bad one. */
export function normalizeOptions<Data extends Record<string, unknown>>(
  options: SessionManagerOptions<Data>,
): NormalizedOptions {
  const cookieName = options.cookieName ?? 'session';
  if (!isCookieName(cookieName)) throw new TypeError(`Invalid session cookie name: ${cookieName}`);
  const path = options.path ?? '/';
  // eslint-disable-next-line no-control-regex -- control characters would split the header
  if (!path.startsWith('/') || /[\x00-\x1f;\x7f]/.test(path)) {
    throw new TypeError(`Invalid session cookie path: ${path}`);
  }
  checkPrefix(cookieName, options.secure === true, path);
  checkSecrets(options.secrets, options.minSecretBytes ?? MIN_SECRET_BYTES);
  const maxAge = wholeNumber('maxAge', options.maxAge ?? DEFAULT_MAX_AGE);
  const idle = wholeNumber('idleTimeout', options.idleTimeout ?? maxAge);
  const absolute = wholeNumber('absoluteTimeout', options.absoluteTimeout ?? maxAge);
  const onEvent = options.onEvent ?? (() => undefined);
  return {
    secrets: options.secrets,
    mode: options.mode ?? 'canvass',
    lifetimes: { idle, absolute },
    cookieName,
    secure: options.secure ?? false,
    permanent: options.permanent ?? true,
    refreshAfter: refreshAfter(options.refreshEachRequest, idle),
    maxCookieSize: wholeNumber('maxCookieSize', options.maxCookieSize ?? 4093),
    recentCookieBytes: wholeNumber(
      'recentCookieBytes',
      options.recentCookieBytes ?? DEFAULT_RECENT_COOKIE_BYTES,
      0,
    ),
    onOversize: options.onOversize ?? 'throw',
    sameSite: options.sameSite ?? 'Lax',
    path,
    schema: options.schema,
    store: options.store,
    storeWhen: options.storeWhen ?? 'always',
    cookieKeys: new Set(options.cookieKeys),
    now: options.now ?? Date.now,
    onEvent,
    hooks: { report: onEvent },
  };
}
