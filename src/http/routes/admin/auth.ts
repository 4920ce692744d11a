import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loginPage, type LoginState } from '../../../views/index.js';
import { CSRF_SESSION_KEY, csrfToken, requireCsrf } from '../../csrf.js';
import type { Limits } from '../../hardening/index.js';
import { requestLog } from '../../logging.js';
import { sendPage } from '../../render.js';
import type { AdminMarker, AdminSessions } from './admin-session.js';

/** The session key that marks an admin session. */
const ADMIN_KEY = 'admin';

export { LOGIN_ATTEMPTS } from '../../hardening/index.js';

/**
 * Compares in constant time. Hashing first gives both sides the same length, so neither the
 * content nor the length of the password leaks through timing (timingSafeEqual needs equal
 * lengths and would otherwise have to reject early).
 */
export function passwordMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(given, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * A preHandler for every admin page: no admin session (none, expired, or logged out, see
 * admin-session.ts) → the login page.
 */
export function requireAdmin(admins: AdminSessions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (await admins.verify(request)) return undefined;
    return reply.redirect('/admin/login', 302);
  };
}

/**
 * A new session at the moment privileges change, either way (OWASP session fixation): with a
 * server-side store `regenerate()` issues a new id and kills the old one; with cookie sessions
 * (the cookie is the data) it re-issues the cookie, and a cookie planted before login never
 * holds the admin flag, so it grants nothing. The CSRF token is dropped so a new one is minted.
 */
function rotateSession(request: FastifyRequest, admin: AdminMarker | undefined): void {
  request.session.regenerate();
  request.session.delete(CSRF_SESSION_KEY);
  if (admin !== undefined) request.session.set(ADMIN_KEY, admin);
  else request.session.delete(ADMIN_KEY);
}

const show = (request: FastifyRequest, reply: FastifyReply, state: LoginState, status = 200) =>
  sendPage(request, reply, loginPage(state, csrfToken(request)), status);

/**
 * `/admin/login` and `/admin/logout`. `password` undefined means no ADMIN_PASSWORD in
 * production: the admin area stays closed. Only failed attempts count, read before checking and
 * bumped on failure: per client address (one address cannot lock out the owner at another) and
 * over all addresses together (many addresses cannot brute-force), hardening/limits.ts.
 */
export function loginRoutes(
  app: FastifyInstance,
  password: string | undefined,
  { loginFailures }: Limits,
  admins: AdminSessions,
): void {
  app.get('/admin/login', async (request, reply) => {
    if (password === undefined) return show(request, reply, { kind: 'disabled' });
    if (await admins.verify(request)) return reply.redirect('/admin', 302);
    return show(request, reply, { kind: 'form' });
  });

  app.post('/admin/login', { preHandler: requireCsrf }, async (request, reply) => {
    if (password === undefined) return show(request, reply, { kind: 'disabled' }, 403);
    const wait =
      (await loginFailures.perClient.peek(request)) ?? (await loginFailures.inAll.peek(request));
    if (wait !== undefined) {
      reply.header('retry-after', String(wait));
      return show(request, reply, { kind: 'too-many-attempts', retryAfterSeconds: wait }, 429);
    }
    const given = (request.body as Record<string, unknown> | undefined)?.password;
    if (typeof given !== 'string' || !passwordMatches(password, given)) {
      await loginFailures.perClient.take(request);
      await loginFailures.inAll.take(request);
      requestLog(request).warn({ ip: request.ip }, 'admin login failed');
      return show(request, reply, { kind: 'wrong-password' }, 422);
    }
    rotateSession(request, await admins.start());
    return reply.redirect('/admin', 303);
  });

  app.post('/admin/logout', { preHandler: requireCsrf }, async (request, reply) => {
    // Ended in the database first: the cookie sent before this moment must stop working.
    await admins.end(request);
    rotateSession(request, undefined);
    request.session.flash('You are logged out.', 'info');
    return reply.redirect('/admin/login', 303);
  });
}
