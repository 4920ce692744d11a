/**
 * Session manager options, checked and normalised once when the manager is built so the
 * per-request path only reads plain fields.
 */
import type { DecodeFailure, SessionMode } from './codec.js';
import type { SameSite } from './cookie-header.js';
import { isCookieName } from './cookie-header.js';

/** Something the session layer reports for logs; none of it is an error for the client. */
export type SessionEvent =
  /** A cookie was ignored (the request got an empty session). */
  | { readonly kind: 'rejected'; readonly reason: DecodeFailure; readonly detail: string }
  /** A cookie verified under a fallback key; the commit re-signs it with the current one. */
  | { readonly kind: 'fallback-key'; readonly keyIndex: number }
  /** A commit refused to write a cookie over the size limit (it throws `SessionTooLarge`). */
  | { readonly kind: 'oversize'; readonly size: number; readonly limit: number };

/** How unchanged permanent sessions are re-issued to push their expiry forward. */
export type RefreshPolicy = boolean | { readonly afterSeconds: number };

/** Options of `createSessionManager`; only `secrets` is required. */
export interface SessionManagerOptions {
  /** Secrets, current first: the first signs, all verify (`SECRET_KEY`, then fallbacks). */
  readonly secrets: readonly (string | Uint8Array)[];
  /** Wire mode: `canvass` (HMAC-SHA256, default) or `flask` (HMAC-SHA1, Flask 3.x). */
  readonly mode?: SessionMode;
  /** Lifetime in seconds, for the cookie expiry and the server-side check. Default 30 days. */
  readonly maxAge?: number;
  /** Cookie name. Default `session`. */
  readonly cookieName?: string;
  /** Always mark the cookie `Secure`; otherwise each commit says (e.g. over HTTPS). */
  readonly secure?: boolean;
  /** Whether sessions without an explicit `permanent` outlive the browser. Default true. */
  readonly permanent?: boolean;
  /**
   * `true`: re-issue permanent sessions on every response (Flask's default). `false`: only
   * when modified. `{ afterSeconds }`: when the cookie was signed that long ago. Default
   * `{ afterSeconds: min(3600, maxAge / 2) }`.
   */
  readonly refreshEachRequest?: RefreshPolicy;
  /** Largest `Set-Cookie` line allowed, in bytes. Default 4093 (Werkzeug's limit). */
  readonly maxCookieSize?: number;
  /** `SameSite` attribute. Default `Lax`. */
  readonly sameSite?: SameSite;
  /** Cookie `Path`. Default `/`. */
  readonly path?: string;
  /** The clock, in milliseconds since the epoch (like `Date.now`), for tests. */
  readonly now?: () => number;
  /** Receives structured events for logging. It must not throw. */
  readonly onEvent?: (event: SessionEvent) => void;
}

/** The options with every default filled in. */
export interface NormalizedOptions {
  readonly secrets: readonly (string | Uint8Array)[];
  readonly mode: SessionMode;
  readonly maxAge: number;
  readonly cookieName: string;
  readonly secure: boolean;
  readonly permanent: boolean;
  /** Seconds after signing when an unchanged permanent cookie is re-issued; 0 = always. */
  readonly refreshAfter: number;
  readonly maxCookieSize: number;
  readonly sameSite: SameSite;
  readonly path: string;
  readonly now: () => number;
  readonly onEvent: (event: SessionEvent) => void;
}

/** 30 days, Canvass' `SESSION_MAX_AGE` default (Flask's is 31). */
export const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`Session option ${name} must be a positive whole number, got ${value}`);
  }
  return value;
}

/**
 * Refresh policy. Flask re-signs a permanent session on every response; Canvass waits until
 * the cookie is an hour old (or half the lifetime, if shorter). The expiry then lags the
 * last visit by at most an hour out of 30 days, and a busy page does not re-sign and
 * re-send the cookie each time. It also narrows a real race: a refresh carries the payload
 * loaded at the start of its request, so a slow GET answered after a concurrent POST would
 * overwrite the POST's newer cookie (a lost answer); refreshing hourly makes that rare.
 */
function refreshAfter(policy: RefreshPolicy | undefined, maxAge: number): number {
  if (policy === true) return 0;
  if (policy === false) return Infinity;
  if (policy === undefined) return Math.min(3600, Math.floor(maxAge / 2));
  if (!(policy.afterSeconds >= 0)) throw new RangeError('refreshEachRequest.afterSeconds < 0');
  return policy.afterSeconds;
}

/** Checks and completes the options; throws a `TypeError`/`RangeError` naming the bad one. */
export function normalizeOptions(options: SessionManagerOptions): NormalizedOptions {
  const cookieName = options.cookieName ?? 'session';
  if (!isCookieName(cookieName)) throw new TypeError(`Invalid session cookie name: ${cookieName}`);
  const path = options.path ?? '/';
  // eslint-disable-next-line no-control-regex -- control characters would split the header
  if (!path.startsWith('/') || /[\x00-\x1f;\x7f]/.test(path)) {
    throw new TypeError(`Invalid session cookie path: ${path}`);
  }
  const maxAge = positiveInteger('maxAge', options.maxAge ?? DEFAULT_MAX_AGE);
  return {
    secrets: options.secrets,
    mode: options.mode ?? 'canvass',
    maxAge,
    cookieName,
    secure: options.secure ?? false,
    permanent: options.permanent ?? true,
    refreshAfter: refreshAfter(options.refreshEachRequest, maxAge),
    maxCookieSize: positiveInteger('maxCookieSize', options.maxCookieSize ?? 4093),
    sameSite: options.sameSite ?? 'Lax',
    path,
    now: options.now ?? Date.now,
    onEvent: options.onEvent ?? (() => undefined),
  };
}
