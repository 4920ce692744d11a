import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { requireUtf8Form } from './form-charset.js';
import { HELMET_OPTIONS } from './headers.js';
import { requireHost } from './host.js';
import { registerRateLimit } from './rate-limit.js';

export { registerPrivateCaching } from './cache.js';
export { clientErrorHandler } from './client-errors.js';
export { BASELINE_HEADERS, CSP_HEADER } from './baseline.js';
export { crossSiteReason, type CrossSiteReason } from './origin.js';
export { DEFAULT_RATE_LIMIT } from './rate-limit.js';
export { DEFAULT_TIMEOUTS, timeoutOptions, type Timeouts } from './timeouts.js';

/**
 * The protections that sit in front of every route (issue 5; threat model in docs/security.md):
 * security headers with a strict Content-Security-Policy, one `Host` (RFC 9112 §3.2), the
 * global rate limit, and UTF-8 forms only.
 * Register before the routes and the session plugin, so a refused request costs no cookie work.
 */
export async function registerHardening(
  app: FastifyInstance,
  options: { readonly rateLimit: number },
): Promise<void> {
  await app.register(helmet, HELMET_OPTIONS);
  app.addHook('onRequest', requireHost);
  await registerRateLimit(app, options.rateLimit);
  app.addHook('onRequest', requireUtf8Form);
}
