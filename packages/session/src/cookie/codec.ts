/**
 * The session cookie codec. Cookie model (itsdangerous' URLSafeTimedSerializer, as Flask
 * configures it; full detail in docs/spec flask-session-format.md):
 *
 *     value   = [ "." ] B64URL(payload) "." B64URL(timestamp) "." B64URL(mac)
 *     payload = tagged, sorted, ASCII JSON of the session dict, zlib-deflated (and the value
 *               prefixed with ".") only when that saves at least 2 bytes
 *     timestamp = signing time in whole seconds, big-endian, leading zero bytes stripped
 *     mac     = HMAC(HMAC(secret, "cookie-session"), everything before the last ".")
 *
 * `flask` mode uses SHA-1 for both HMACs and is byte-identical to Flask 3.1, compressed
 * payloads included: it deflates with pako, which reproduces the zlib 1.2 that CPython links
 * (Node's own zlib, Chromium's fork, finds other matches and so other bytes, and near the
 * 2-byte threshold even another compress/don't-compress decision). `canvass` mode is the same
 * layout with SHA-256, and compresses only sessions large enough for it to pay (see below).
 *
 * The checks run in Flask's order: signature, then timestamp, then payload. Nothing here
 * throws on a bad cookie: every failure is a `DecodeResult` with a reason.
 */
import { isAscii } from 'node:buffer';
import { deflateSync, inflateSync } from 'node:zlib';
import { decodeBase64Url, encodeBase64Url } from './base64.js';
import { SEALED_PREFIX, Sealer } from './encrypted-cookie.js';
import { zlib12Deflate } from './flask-deflate.js';
import { KeyRing } from './keyring.js';
import { oneOf, secretList, wholeNumber } from '../option-checks.js';
import {
  DEFAULT_RECENT_COOKIE_BYTES,
  RecentCookies,
  type RememberedCookie,
  type VerifiedCookie,
} from '../cache/recent-cookies.js';
import type { SessionData } from '../session-data.js';
import { toSessionData } from '../session-data.js';
import { overTemplate, shareable, thawed } from '../cache/shared-data.js';
import { loadTagged } from '../python/tagged-json.js';

/** The wire modes: `canvass`, HMAC-SHA256 (default); `flask`, HMAC-SHA1 as Flask 3.x. */
export const SESSION_MODES = ['canvass', 'flask'] as const;

/** `canvass`: HMAC-SHA256 (default). `flask`: HMAC-SHA1, what Flask 3.x reads and writes. */
export type SessionMode = (typeof SESSION_MODES)[number];

/** Why a cookie value was not accepted. */
export type DecodeFailure =
  /** Not even the `payload.ts.mac` shape. */
  | 'malformed'
  /** No key of the ring signed it: tampered, truncated or foreign. */
  | 'bad-signature'
  /** Signed, but older than the maximum age or dated in the future. */
  | 'expired'
  /** Signed by a key of ours, yet unreadable: a bug in whichever signer made it. */
  | 'bad-payload';

/** What decoding a cookie value gives: the session data, or why there is none. */
export type DecodeResult =
  | {
      readonly ok: true;
      readonly data: SessionData;
      /** The payload JSON exactly as it was signed, for cheap change detection. */
      readonly text: string;
      /** 0 for the current key, higher for a fallback. */
      readonly keyIndex: number;
      /** The signed timestamp, in seconds since the epoch. */
      readonly issuedAt: number;
      /**
       * Only from `decodeShared`: when set, the data's values are this frozen template's,
       * shared with every decode of the same value (shared-data.ts).
       */
      readonly shared: SessionData | undefined;
    }
  | { readonly ok: false; readonly reason: DecodeFailure; readonly detail: string };

const SALT = 'cookie-session';
/** Python's datetime ends at 9999-12-31: a later "timestamp" is a millisecond bug (§7). */
const MAX_TIMESTAMP = 253402300799;
/**
 * A signed payload can only come from a key of ours, but a bug could still sign a zip bomb:
 * 1 MiB is far above any real session (the cookie itself is at most 4 KiB).
 */
const MAX_INFLATED = 1 << 20;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Below this many bytes of JSON, `canvass` mode never compresses. Deflate would save bytes,
 * but the writer pays a zlib stream and a deflate (~50 µs for 2 KB, more than signing), and
 * every request after pays an inflate to read it: a 2 KB session took the default mode to
 * 0.3× cookie-session's encode (issue 19). Under this size the plain cookie (base64 is 4/3 of
 * the JSON, ~2.7 KB) still fits the 4093-byte `Set-Cookie` budget with room for attributes;
 * above it, compressing is what keeps a session in its cookie at all.
 */
export const COMPRESS_FROM = 2560;

/** The compressed payload to send, or `undefined` to send the JSON as it is. */
type Compressor = (json: Buffer) => Uint8Array | undefined;

/** itsdangerous' rule: compress only when that saves at least 2 bytes (strict `<`). */
const savesTwoBytes = (json: Buffer, deflated: Uint8Array) => deflated.length < json.length - 1;

/** itsdangerous' decision and bytes as CPython's zlib makes them (exported for its tests). */
export function flaskDeflate(json: Buffer): Uint8Array | undefined {
  const deflated = zlib12Deflate(json);
  return savesTwoBytes(json, deflated) ? deflated : undefined;
}

const COMPRESSORS: Record<SessionMode, Compressor> = {
  flask: flaskDeflate,
  canvass: (json) => {
    if (json.length < COMPRESS_FROM) return undefined;
    const deflated = deflateSync(json);
    return savesTwoBytes(json, deflated) ? deflated : undefined;
  },
};

function fail(reason: DecodeFailure, detail: string): DecodeResult {
  return { ok: false, reason, detail };
}

/** `struct.pack(">Q", ts).lstrip(b"\0")`: 0 is the empty string. */
function timestampBytes(seconds: number): Uint8Array {
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new RangeError(`Session timestamp must be whole seconds, got ${seconds}`);
  }
  const bytes: number[] = [];
  for (let n = seconds; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.from(bytes);
}

/** Encodes and verifies cookie values for one key ring and mode. */
export class SessionCodec {
  private readonly keys: KeyRing;
  private readonly compress: Compressor;
  private readonly recent: RecentCookies;
  /** Opens encrypted values whatever the setting; seals new ones when `encrypt` is set. */
  private readonly sealer: Sealer;
  private readonly encrypt: boolean;

  /**
   * Derives the keys once; throws a `TypeError`/`RangeError` naming the argument for a
   * missing or empty secret, a lone secret not in a list, an unknown mode or a bad size.
   * `recentCookieBytes` bounds the values remembered as signed or verified (recent-cookies.ts);
   * 0 verifies every value in full. `encryption` seals new values with AES-256-GCM
   * (encrypted-cookie.ts) instead of signing them; values of either format are read.
   */
  constructor(
    secrets: readonly (string | Uint8Array)[],
    mode: SessionMode = 'canvass',
    recentCookieBytes = DEFAULT_RECENT_COOKIE_BYTES,
    encryption?: 'aes-256-gcm',
  ) {
    const checked = oneOf('mode', mode, SESSION_MODES);
    const list = secretList(secrets);
    this.keys = new KeyRing(list, checked === 'flask' ? 'sha1' : 'sha256', SALT);
    this.compress = COMPRESSORS[checked];
    this.compressFrom = checked === 'flask' ? 0 : COMPRESS_FROM;
    this.recent = new RecentCookies(wholeNumber('recentCookieBytes', recentCookieBytes, 0));
    this.sealer = new Sealer(list);
    this.encrypt = encryption !== undefined;
    if (this.encrypt) oneOf('encryption', encryption, ['aes-256-gcm'] as const);
    if (this.encrypt && checked === 'flask') {
      throw new TypeError(
        "Session option encryption cannot be used with mode 'flask': Flask reads only the signed format",
      );
    }
  }

  /** Signs a payload already serialised by `dumpTagged`, dated `issuedAt` (seconds). */
  encode(payloadText: string, issuedAt: number): string {
    const json = this.utf8(payloadText);
    // dumpTagged's text is ASCII (`ensure_ascii`): then its UTF-8 is as long as the text.
    const ascii = json.length === payloadText.length;
    const tsSegment = this.timestampSegment(issuedAt);
    let cookieValue: string;
    if (this.encrypt) {
      cookieValue = this.sealer.seal(payloadText, tsSegment);
    } else {
      const deflated = json.length < this.compressFrom ? undefined : this.compress(json);
      const payload =
        deflated === undefined ? encodeBase64Url(json) : `.${encodeBase64Url(deflated)}`;
      // The payload and timestamp are base64url, ASCII by construction.
      cookieValue = `${payload}.${tsSegment}.${this.keys.sign(payload, `.${tsSegment}`)}`;
    }
    // What decoding the value will read: the UTF-8 of the text (a lone surrogate became U+FFFD).
    const text = ascii ? payloadText : json.toString('utf8');
    this.recent.remember(cookieValue, { text, keyIndex: 0, issuedAt }, false);
    return cookieValue;
  }

  /** Bytes of JSON from which the mode may compress (flask mode: any; canvass: COMPRESS_FROM). */
  private readonly compressFrom: number;
  /** speed: where a cookie's JSON is encoded, reused (encode uses it only until it returns). */
  private scratch = Buffer.allocUnsafe(8192);

  /**
   * speed: the UTF-8 of `text` in the reused buffer, in one pass (no length scan first, no
   * new Buffer per cookie); valid until the next call. Text too large for a cookie anyway
   * gets a Buffer of its own rather than growing the scratch for good.
   */
  private utf8(text: string): Buffer {
    const most = 3 * text.length; // a UTF-16 unit is at most 3 UTF-8 bytes
    if (most > this.scratch.length) {
      if (most > 1 << 16) return Buffer.from(text, 'utf8');
      this.scratch = Buffer.allocUnsafe(most);
    }
    return this.scratch.subarray(0, this.scratch.write(text, 0, 'utf8'));
  }

  /** speed: the timestamp segment of the last signing second, kept (most writes share it). */
  private lastSecond = -1;
  private lastSegment = '';

  private timestampSegment(issuedAt: number): string {
    if (issuedAt !== this.lastSecond) {
      this.lastSegment = encodeBase64Url(timestampBytes(issuedAt));
      this.lastSecond = issuedAt;
    }
    return this.lastSegment;
  }

  /**
   * Verifies and reads a cookie value at time `now` (seconds). A cookie is accepted when
   * `0 <= now - issuedAt <= maxAge`, as Flask does, whether the session is permanent or not.
   * The data is the caller's own, down to the last nested value.
   */
  decode(cookieValue: string, now: number, maxAge: number): DecodeResult {
    const result = this.decodeShared(cookieValue, now, maxAge);
    if (!result.ok || result.shared === undefined) return result;
    return { ...result, data: thawed(result.data), shared: undefined };
  }

  /**
   * `decode`, except that a value read before may give data whose values are shared, frozen,
   * with other decodes of it (`shared` is then set): the session layer copies such a value
   * before anyone can change it, and skips parsing the same payload on every request.
   */
  decodeShared(cookieValue: string, now: number, maxAge: number): DecodeResult {
    const known = this.recent.get(cookieValue);
    if (known !== undefined) return timeFailure(known.issuedAt, now, maxAge) ?? readShared(known);
    if (cookieValue.startsWith(SEALED_PREFIX)) return this.decodeSealed(cookieValue, now, maxAge);
    const sigDot = cookieValue.lastIndexOf('.');
    if (sigDot < 0) return fail('malformed', 'no "." in the cookie');
    const signed = cookieValue.slice(0, sigDot);
    const keyIndex = this.keys.verify(signed, cookieValue.slice(sigDot + 1));
    if (keyIndex < 0) return fail('bad-signature', 'no key of the ring signed this cookie');
    const tsDot = signed.lastIndexOf('.');
    if (tsDot < 0) return fail('malformed', 'timestamp missing');
    const issuedAt = readTimestamp(signed.slice(tsDot + 1));
    if (issuedAt === undefined) return fail('malformed', 'malformed timestamp');
    const late = timeFailure(issuedAt, now, maxAge);
    if (late !== undefined) return late;
    const text = payloadText(signed.slice(0, tsDot));
    if (typeof text !== 'string') return fail('bad-payload', text.error);
    return this.verified(cookieValue, { text, keyIndex, issuedAt });
  }

  /** `decodeShared` for the encrypted format: open, then the same time and payload checks. */
  private decodeSealed(cookieValue: string, now: number, maxAge: number): DecodeResult {
    const opened = this.sealer.open(cookieValue);
    if (!opened.ok) return fail(opened.reason, opened.detail);
    const issuedAt = readTimestamp(opened.tsSegment);
    if (issuedAt === undefined) return fail('malformed', 'malformed timestamp');
    const late = timeFailure(issuedAt, now, maxAge);
    if (late !== undefined) return late;
    return this.verified(cookieValue, { text: opened.text, keyIndex: opened.keyIndex, issuedAt });
  }

  private verified(cookieValue: string, verified: VerifiedCookie): DecodeResult {
    const remembered = this.recent.remember(cookieValue, verified, true);
    return remembered === undefined ? readVerified(verified) : readShared(remembered);
  }
}

function timeFailure(issuedAt: number, now: number, maxAge: number): DecodeResult | undefined {
  if (issuedAt > MAX_TIMESTAMP)
    return fail('bad-payload', `timestamp ${issuedAt} is not in seconds`);
  const age = now - issuedAt;
  if (age > maxAge || age < 0) return fail('expired', `signed ${age} s ago, max age ${maxAge} s`);
  return undefined;
}

/** Fresh session data from a verified payload, so no two requests share objects. */
function readVerified({ text, keyIndex, issuedAt }: VerifiedCookie): DecodeResult {
  const data = readSessionData(text);
  if (typeof data === 'string') return fail('bad-payload', data);
  return { ok: true, data, text, keyIndex, issuedAt, shared: undefined };
}

/**
 * From this read of a remembered value on, its data is shared. In a respondent's flow each
 * cookie is read about twice (the page after the redirect that set it, then the answer that
 * replaces it): sharing from the first read made every flow slower (freezing the data, and
 * keeping it alive in the cache, cost more than the one parse it saved: +5 % instructions a
 * flow in callgrind). A value read a third time (a reloaded page, an admin browsing results)
 * is likely read many more times.
 */
export const SHARE_FROM_READ = 3;

/**
 * A remembered value's data: parsed on each of its first reads; from `SHARE_FROM_READ` on,
 * when it is plain JSON, frozen into a template that every later read shares. A payload that
 * cannot be shared is parsed each time.
 */
function readShared(remembered: RememberedCookie): DecodeResult {
  if (remembered.shared === undefined) {
    const fresh = readVerified(remembered);
    if (!fresh.ok || ++remembered.reads < SHARE_FROM_READ) return fresh;
    remembered.shared = shareable(fresh.data) ?? null;
  }
  const template = remembered.shared;
  if (template === null) return readVerified(remembered);
  const { text, keyIndex, issuedAt } = remembered;
  return { ok: true, data: overTemplate(template), text, keyIndex, issuedAt, shared: template };
}

const BASE64URL_DIGITS = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

/**
 * `int.from_bytes(base64_decode(segment).rjust(8, b"\0"), "big")`, or undefined for more than
 * 8 bytes or bad base64. The usual canonical segment (at most 11 base64url characters) is read
 * straight into a number, without a buffer; anything else takes the exact Python emulation.
 * Values past 2^53 lose precision here, but they are far past MAX_TIMESTAMP and refused anyway.
 */
function readTimestamp(segment: string): number | undefined {
  if (segment.length <= 11 && segment.length % 4 !== 1) {
    let value = 0;
    for (let i = 0; i < segment.length; i++) {
      const code = segment.charCodeAt(i);
      const digit = code < 128 ? (BASE64URL_DIGITS[code] ?? -1) : -1;
      if (digit < 0) return readTimestampBytes(segment);
      value = value * 64 + digit;
    }
    // The bits past the last whole byte are padding (Python ignores them too).
    return Math.floor(value / 2 ** ((segment.length * 6) % 8));
  }
  return readTimestampBytes(segment);
}

function readTimestampBytes(segment: string): number | undefined {
  const bytes = decodeBase64Url(segment);
  if (bytes === undefined || bytes.length > 8) return undefined;
  return bytes.reduce((n, byte) => n * 256 + byte, 0);
}

const unreadable = (error: unknown) =>
  `payload unreadable: ${error instanceof Error ? error.message : String(error)}`;

/** The payload segment's JSON text, or what is wrong with it. */
function payloadText(segment: string): string | { readonly error: string } {
  const compressed = segment.startsWith('.');
  const bytes = decodeBase64Url(compressed ? segment.slice(1) : segment);
  if (bytes === undefined) return { error: 'payload is not base64' };
  try {
    const json = compressed ? inflateSync(bytes, { maxOutputLength: MAX_INFLATED }) : bytes;
    // Flask and Canvass payloads are pure ASCII; the strict decoder is for everything else.
    return isAscii(json)
      ? Buffer.from(json.buffer, json.byteOffset, json.length).toString('latin1') // a view, no copy
      : utf8.decode(json);
  } catch (error) {
    // zlib and TextDecoder report by throwing.
    return { error: unreadable(error) };
  }
}

/** The session data of a payload's JSON text, or (as a string) what is wrong with it. */
function readSessionData(text: string): SessionData | string {
  try {
    const loaded = loadTagged(text);
    if (loaded === undefined) return 'payload is not valid tagged JSON';
    return toSessionData(loaded.value) ?? 'payload is not a dict';
  } catch (error) {
    // Very deep nesting overflows the stack.
    return unreadable(error);
  }
}
