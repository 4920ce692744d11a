/**
 * The session cookie itself, shared by both managers: read a `Cookie` header into a verified,
 * unexpired payload (reporting every refusal as an event), and write one back as a
 * `Set-Cookie` line whose expiry is the session's real deadline. A cookie holds either the
 * session data or, with a store, `{"_canvass_sid": id}`; both carry the lifetimes.
 */
import { SessionCodec } from './codec.js';
import type { CookieAttributes } from './cookie-header.js';
import { readCookie, serializeDeletion, serializeSetCookie } from './cookie-header.js';
import type { NormalizedOptions } from '../options.js';
import type { SessionData } from '../session-data.js';
import type { SessionTimes } from '../timeouts.js';
import { deadline, expiredBy, takeTimes } from '../timeouts.js';
import { flaskTimes } from '../flask-compatible.js';

/** The reserved payload key of a store session's id. */
export const SID_KEY = '_canvass_sid';

interface Verified {
  readonly keyIndex: number;
  readonly times: SessionTimes;
  readonly timesCarried: boolean;
}

/** What a `Cookie` header held (refusals were already reported). */
export type CookieRead =
  | { readonly kind: 'none' }
  | (Verified & {
      readonly kind: 'data';
      readonly data: SessionData;
      readonly text: string;
      /** The frozen template the data's values are shared with, if any (shared-data.ts). */
      readonly shared: SessionData | undefined;
    })
  | (Verified & { readonly kind: 'id'; readonly id: string });

/** What writing a cookie gave: the header, or its size when over the limit. */
export type CookieWrite =
  | { readonly kind: 'ok'; readonly header: string }
  | { readonly kind: 'oversize'; readonly size: number };

/** Reads and writes the signed session cookie for one set of options. */
export class SignedCookie {
  private readonly codec: SessionCodec;
  private readonly codecMaxAge: number;

  /** Derives the keys once; throws for a missing or empty secret. */
  constructor(private readonly options: NormalizedOptions) {
    this.codec = new SessionCodec(
      options.secrets,
      options.mode,
      options.recentCookieBytes,
      options.encrypted ? 'aes-256-gcm' : undefined,
    );
    // The signing time is the last write, so no live cookie is older than either lifetime
    // (flask-compatible: the signing time is all there is, and only the idle timeout applies).
    const { idle, absolute } = options.lifetimes;
    this.codecMaxAge = options.flaskCompatible ? idle : Math.max(idle, absolute);
  }

  /** Seconds since the epoch, from the configured clock. */
  now(): number {
    return Math.floor(this.options.now() / 1000);
  }

  /** Verifies the session cookie in `header` and checks its lifetimes. */
  read(header: string | undefined): CookieRead {
    const { cookieName, lifetimes, onEvent } = this.options;
    const value = readCookie(header, cookieName);
    if (value === undefined || value === '') return { kind: 'none' };
    const now = this.now();
    const result = this.codec.decodeShared(value, now, this.codecMaxAge);
    if (!result.ok) {
      const { reason, detail } = result;
      if (reason === 'expired') onEvent({ kind: 'expired', which: 'max-age', detail });
      else onEvent({ kind: 'rejected', reason, detail });
      return { kind: 'none' };
    }
    const { data, keyIndex } = result;
    const { times, carried } = this.options.flaskCompatible
      ? { times: flaskTimes(data, result.issuedAt), carried: false }
      : takeTimes(data, result.issuedAt);
    const expired = expiredBy(times, now, lifetimes);
    if (expired !== undefined) {
      onEvent({ kind: 'expired', ...expired });
      return { kind: 'none' };
    }
    if (keyIndex > 0) onEvent({ kind: 'fallback-key', keyIndex });
    const verified = { keyIndex, times, timesCarried: carried };
    const id = data[SID_KEY];
    if (typeof id === 'string') return { kind: 'id', id, ...verified };
    return { kind: 'data', data, text: result.text, shared: result.shared, ...verified };
  }

  /**
   * A `Set-Cookie` line for `payload`. A permanent cookie expires at the session's deadline,
   * so re-signing it (e.g. under the current key) keeps the same `Expires`.
   */
  write(payload: string, times: SessionTimes, permanent: boolean, secure: boolean): CookieWrite {
    const now = this.now();
    let attributes = this.attributes(secure);
    if (permanent) {
      const end = deadline(times, this.options.lifetimes);
      const expires = new Date(end * 1000);
      // Flask sends `Expires` alone; Max-Age (RFC 6265 §5.3 prefers it) only otherwise.
      attributes = this.options.flaskCompatible
        ? { ...attributes, expires }
        : { ...attributes, expires, maxAge: Math.max(0, end - now) };
    }
    const header = serializeSetCookie(
      this.options.cookieName,
      this.codec.encode(payload, now),
      attributes,
    );
    const size = Buffer.byteLength(header, 'utf8');
    return size > this.options.maxCookieSize ? { kind: 'oversize', size } : { kind: 'ok', header };
  }

  /** The header that deletes the cookie. */
  deletion(secure: boolean): string {
    return serializeDeletion(this.options.cookieName, this.attributes(secure));
  }

  private attributes(secure: boolean): CookieAttributes {
    const { path, sameSite } = this.options;
    const attributes = { secure: secure || this.options.secure, httpOnly: true, path };
    return sameSite === undefined ? attributes : { ...attributes, sameSite };
  }
}
