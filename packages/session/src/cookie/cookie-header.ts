/**
 * `Cookie` in, `Set-Cookie` out. Parsing follows Werkzeug's `parse_cookie` so a cookie reads
 * the same in Canvass and in Flask (first cookie of a name wins, values trimmed, `"…"`
 * unquoted); it never throws, whatever the browser or an attacker sends.
 */
import { formatHttpDate } from './http-date.js';

/** Werkzeug's `_cookie_re` (ASCII `\s`), applied to `header + ";"`. */
const COOKIE_PAIR =
  /([^=;]*)(?:[ \t\n\r\f\v]*=[ \t\n\r\f\v]*("(?:[^\\"]|\\[^\n])*"|[^\n]*?))?[ \t\n\r\f\v]*;[ \t\n\r\f\v]*/g;
/** RFC 6265 cookie-name: an RFC 7230 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Werkzeug's unquoting: on the UTF-8 bytes, `\\ooo` is an octal byte and a backslash before
 * any other byte (but a newline) is that byte; the result is decoded with replacement.
 */
function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  const bytes = Buffer.from(value.slice(1, -1), 'utf8');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    const next = bytes[i + 1];
    if (byte !== 0x5c || next === undefined || next === 0x0a) {
      out.push(byte);
      continue;
    }
    const octal = bytes.subarray(i + 1, i + 4).toString('latin1');
    if (/^[0-3][0-7]{2}$/.test(octal)) {
      out.push(parseInt(octal, 8));
      i += 3;
    } else {
      out.push(next);
      i += 1;
    }
  }
  return Buffer.from(out).toString('utf8');
}

/**
 * Reads one cookie from a `Cookie` header: the first one with that name (Werkzeug's rule,
 * even when a later duplicate from another Path would be valid), or `undefined`.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header === '' || !header.includes(name)) return undefined;
  // Without quotes or newlines the Werkzeug pattern reduces to splitting on `;` and the first
  // `=`: that is what browsers send, so it is worth a path that runs no regular expression.
  if (!header.includes('"') && !header.includes('\n')) return readPlainCookie(header, name);
  return readCookieByPattern(header, name);
}

/** Werkzeug's `parse_cookie` pattern, quoted values included (exported for its tests). */
export function readCookieByPattern(header: string, name: string): string | undefined {
  for (const match of `${header};`.matchAll(COOKIE_PAIR)) {
    if ((match[1] ?? '').trim() === name) return unquote((match[2] ?? '').trim());
  }
  return undefined;
}

function readPlainCookie(header: string, name: string): string | undefined {
  for (let start = 0; start <= header.length;) {
    const semi = header.indexOf(';', start);
    const end = semi < 0 ? header.length : semi;
    const eq = header.indexOf('=', start);
    const hasValue = eq >= 0 && eq < end;
    if (header.slice(start, hasValue ? eq : end).trim() === name) {
      return hasValue ? header.slice(eq + 1, end).trim() : '';
    }
    start = end + 1;
  }
  return undefined;
}

/** `SameSite` values browsers understand. */
export const SAME_SITE_VALUES = ['Strict', 'Lax', 'None'] as const;

/** A `SameSite` value browsers understand. */
export type SameSite = (typeof SAME_SITE_VALUES)[number];

/** Attributes of a `Set-Cookie` header, in the order Werkzeug writes them. */
export interface CookieAttributes {
  readonly expires?: Date;
  readonly maxAge?: number;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  readonly path: string;
  readonly sameSite?: SameSite;
}

/** Whether `name` may be used as a cookie name (an RFC 7230 token). */
export function isCookieName(name: string): boolean {
  return TOKEN.test(name);
}

/**
 * Builds a `Set-Cookie` header value: `name=value; Expires=…; Max-Age=…; Secure; HttpOnly;
 * Path=…; SameSite=…`. The value is written as is: session values are base64url and dots,
 * which need no quoting.
 */
export function serializeSetCookie(name: string, value: string, attrs: CookieAttributes): string {
  let header = `${name}=${value}`;
  if (attrs.expires !== undefined) header += `; Expires=${formatHttpDate(attrs.expires)}`;
  if (attrs.maxAge !== undefined) header += `; Max-Age=${attrs.maxAge}`;
  if (attrs.secure) header += '; Secure';
  if (attrs.httpOnly) header += '; HttpOnly';
  header += `; Path=${attrs.path}`;
  if (attrs.sameSite !== undefined) header += `; SameSite=${attrs.sameSite}`;
  return header;
}

/** The header that makes the browser drop the cookie (same Path and flags as when set). */
export function serializeDeletion(name: string, attrs: CookieAttributes): string {
  return serializeSetCookie(name, '', { ...attrs, expires: new Date(0), maxAge: 0 });
}
