import { randomBytes } from 'node:crypto';
import { hashResumeToken } from './resume-links.js';

/**
 * API tokens (issue 17 item 5): `canvass_` and 256 random bits in base64url. The prefix lets a
 * secret scanner (or a person reading a config file) tell what the string is; the database
 * keeps only the SHA-256 of the whole token, as it does of resume and public links, so a
 * leaked dump opens no API. A fast unsalted hash is enough for a value this random.
 */
const PREFIX = 'canvass_';

const TOKEN_SHAPE = /^canvass_[A-Za-z0-9_-]{43}$/;

/** A new token and the hash to store for it. */
export function newApiToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token) };
}

/** The stored form of a token. */
export function hashApiToken(token: string): string {
  return hashResumeToken(token);
}

/** Whether `raw` can be a token at all: anything else is refused without a lookup. */
export function isApiToken(raw: string): boolean {
  return TOKEN_SHAPE.test(raw);
}

/**
 * The token of an `Authorization: Bearer TOKEN` header (RFC 6750 §2.1; the scheme is
 * case-insensitive, RFC 9110 §11.1): undefined without the header or with another scheme,
 * else the credentials as sent, for the caller to check.
 */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^bearer +(\S*) *$/i.exec(header);
  return match?.[1];
}
