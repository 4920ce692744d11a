import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_FIELD } from '../views/index.js';
import { sendErrorPage } from './errors.js';
import { crossSiteReason } from './hardening/index.js';
import { requestLog } from './logging.js';

/**
 * The session key of the token. With a session store, a session holding only this key stays
 * in the cookie (the manager's `cookieKeys`), so a page view that mints a token stores nothing.
 */
export const CSRF_SESSION_KEY = 'csrf';

/**
 * The session's CSRF token, created on first use. One token per session: a form from any page
 * or tab works for any POST of that session (synchronizer token pattern, OWASP CSRF cheat sheet).
 */
export function csrfToken(request: FastifyRequest): string {
  const existing = request.session.get(CSRF_SESSION_KEY);
  if (typeof existing === 'string') return existing;
  const token = randomBytes(24).toString('base64url');
  request.session.set(CSRF_SESSION_KEY, token);
  return token;
}

function isValid(request: FastifyRequest): boolean {
  const expected = request.session.get(CSRF_SESSION_KEY);
  const body = request.body as Record<string, unknown> | undefined;
  const sent = body?.[CSRF_FIELD];
  if (typeof expected !== 'string' || typeof sent !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A preHandler for every POST: a cross-site request (hardening/origin.ts), or one without the
 * session's token, gets 403 and nothing happens. It runs after the body is read, so an
 * oversized body is 413 first, as the spec orders the checks.
 */
export async function requireCsrf(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const crossSite = crossSiteReason(request);
  if (crossSite === undefined && isValid(request)) return undefined;
  requestLog(request).info({ url: request.url, crossSite }, 'csrf check failed');
  return sendErrorPage(request, reply, 403);
}
