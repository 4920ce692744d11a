import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/** The `canvass serve` default: generous for people, a ceiling for a script hammering the site. */
export const DEFAULT_RATE_LIMIT = 600;

/**
 * A global limit of `perMinute` requests per client IP (0 turns it off). It runs as an
 * app-wide `onRequest` hook rather than per route, so requests for unknown paths count too;
 * over the limit the client gets the 429 page with `Retry-After` (RFC 6585 §4). The admin
 * login's own failure counter (routes/admin/auth.ts) keeps its separate store. Behind a proxy
 * every client shares the proxy's address: see docs/security.md.
 */
export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    // The error handler turns the thrown statusCode into the 429 page.
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limit exceeded, retry in ${context.after}`), {
        statusCode: context.statusCode,
      }),
  });
  if (perMinute > 0)
    app.addHook('onRequest', app.rateLimit({ max: perMinute, timeWindow: 60_000 }));
}
