import type { FastifyInstance } from 'fastify';
import { sendErrorPage } from '../errors.js';
import { declaresTooLarge } from './body-size.js';
import { hasUtf8Form } from './form-charset.js';
import { SECURITY_HEADERS } from './headers.js';
import { hasOneHost } from './host.js';
import { BODY_LIMIT } from './limit-values.js';
import { registerRateLimit } from './rate-limit.js';

export { registerPrivateCaching } from './cache.js';
export { clientErrorHandler } from './client-errors.js';
export { BASELINE_HEADERS } from './baseline.js';
export { crossSiteReason, type CrossSiteReason } from './origin.js';
export { createLimits, type Limits } from './limits.js';
export {
  API_REQUESTS_PER_MINUTE,
  BODY_LIMIT,
  BEGINS_PER_SESSION,
  DEFAULT_RATE_LIMIT,
  LOGIN_ATTEMPTS,
  LOGIN_FAILURES_IN_ALL,
  RESUME_LINKS_PER_SESSION,
  RESUME_LOOKUPS_PER_MINUTE,
} from './limit-values.js';
export {
  actionLimit,
  sendTooManyRequests,
  type ActionLimit,
  type ActionLimitOptions,
} from './rate-limit.js';
export { trustProxySchema, type TrustProxy } from './trust-proxy.js';
export { DEFAULT_TIMEOUTS, timeoutOptions, type Timeouts } from './timeouts.js';

/**
 * The protections that sit in front of every route (issue 5; threat model in docs/security.md):
 * security headers with a strict Content-Security-Policy, one `Host` (RFC 9112 §3.2), no body
 * declared over the limit (checked first, PRODUCT.md's order), and UTF-8 forms only. The
 * rate-limit counters are registered here too, but no limit applies to every request: the
 * routes that need one consult their own (limits.ts, issue 18).
 * Register before the routes and the session plugin, so a refused request costs no cookie work.
 * The hooks are synchronous callbacks: every request passes through them, and a hook that
 * returns a promise costs every request a few microtasks.
 */
const SECURITY_ENTRIES = Object.entries(SECURITY_HEADERS);

export async function registerHardening(app: FastifyInstance): Promise<void> {
  // One hook, not two: nothing runs between the checks now that no limit is global.
  app.addHook('onRequest', (request, reply, done) => {
    // One `header` call each, as `reply.headers` makes, without listing the keys every time.
    for (const [name, value] of SECURITY_ENTRIES) reply.header(name, value);
    if (!hasOneHost(request)) sendErrorPage(request, reply, 400);
    else if (declaresTooLarge(request, BODY_LIMIT)) sendErrorPage(request, reply, 413);
    else if (!hasUtf8Form(request)) sendErrorPage(request, reply, 415);
    else done();
  });
  await registerRateLimit(app);
}
