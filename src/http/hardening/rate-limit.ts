import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendErrorPage } from '../errors.js';

/**
 * Registers @fastify/rate-limit for its counters only: no limit applies to every route (a
 * crowd of respondents behind one address must never be refused a page, issue 18), and each
 * action that needs one builds an {@link ActionLimit}. Register at the root, before the
 * routes, so every plugin scope sees `createRateLimit`.
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}

/** At most `max` actions per key in each fixed window of `windowMs`. */
export interface ActionLimitOptions {
  readonly max: number;
  readonly windowMs: number;
  /**
   * Which counter a request counts against. Without one: the client's address (`request.ip`,
   * the real client behind a trusted proxy, IPv6 grouped by /64 as @fastify/rate-limit does).
   */
  readonly key?: (request: FastifyRequest) => string;
}

/**
 * One per-action limit, for a route to consult before doing what abuse would repeat (a new
 * response, a password check, a token lookup). Both methods resolve to the seconds to wait
 * when the request is over the limit, or undefined when it may go on. The counters live in
 * this process's memory: with `--workers N` each worker counts on its own.
 */
export interface ActionLimit {
  /** Counts this action, and says whether it was over the limit. */
  readonly take: (request: FastifyRequest) => Promise<number | undefined>;
  /** Says whether the limit is already reached, without counting (to count failures only). */
  readonly peek: (request: FastifyRequest) => Promise<number | undefined>;
}

/** A limit that never refuses: what every per-client limit becomes with `RATE_LIMIT=0`. */
export const NO_LIMIT: ActionLimit = {
  take: () => Promise.resolve(undefined),
  peek: () => Promise.resolve(undefined),
};

/** Builds an {@link ActionLimit} on @fastify/rate-limit's store (one store per limit). */
export function actionLimit(app: FastifyInstance, options: ActionLimitOptions): ActionLimit {
  const check = app.createRateLimit({
    max: options.max,
    timeWindow: options.windowMs,
    ...(options.key === undefined ? {} : { keyGenerator: options.key }),
  });
  // Retry-After is whole seconds (RFC 9110 §10.2.3); never 0, which would invite a retry now.
  const wait = (ttlInSeconds: number) => Math.max(1, ttlInSeconds);
  return {
    take: async (request) => {
      const state = await check(request);
      return !state.isAllowed && state.isExceeded ? wait(state.ttlInSeconds) : undefined;
    },
    peek: async (request) => {
      const state = await check(request, { increment: false });
      return !state.isAllowed && state.remaining <= 0 ? wait(state.ttlInSeconds) : undefined;
    },
  };
}

/** The 429 page with `Retry-After` (RFC 6585 §4), for a request over an {@link ActionLimit}. */
export function sendTooManyRequests(
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfterSeconds: number,
): FastifyReply {
  reply.header('retry-after', String(retryAfterSeconds));
  return sendErrorPage(request, reply, 429);
}
