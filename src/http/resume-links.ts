import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Resume links (SURVEYS.md §7): `/surveys/:slug/resume/TOKEN`, TOKEN 256 random bits in
 * base64url. The database keeps only the token's SHA-256, so reading it (a backup, a leaked
 * dump) opens no response; a fast unsalted hash is enough for a value that random.
 */
const TOKEN_BYTES = 32;

/** base64url of {@link TOKEN_BYTES} bytes: 43 characters, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new token and the hash to store for it. */
export function newResumeToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashResumeToken(token) };
}

/** The stored form of a token. */
export function hashResumeToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Whether `raw` can be a token at all: anything else is refused without a lookup. */
export function isResumeToken(raw: string): boolean {
  return TOKEN_SHAPE.test(raw);
}

/**
 * The absolute URL of `path` as this request reached the server: its protocol and `Host`, or
 * the `X-Forwarded-Proto` and `X-Forwarded-Host` of a trusted proxy (`TRUST_PROXY`), so the
 * link shown and put in the QR code is the one the other device must open.
 */
export function absoluteUrl(request: FastifyRequest, path: string): string {
  return `${request.protocol}://${request.host}${path}`;
}
