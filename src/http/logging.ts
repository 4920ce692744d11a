import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

declare module 'fastify' {
  interface FastifyInstance {
    /** Canvass's logger, whether or not Fastify was given it (see `fastifyLogging`). */
    canvassLog: FastifyBaseLogger;
  }
}

/**
 * How Fastify logs. Fastify gives every request a child logger and listens for the end of
 * its response, to write the "incoming request" and "request completed" lines. Below `info`
 * (Canvass's default is `warn`) those lines are never written, yet the child and the
 * listeners cost about 8k instructions a request (4 % of a question page in callgrind). So
 * Fastify gets the logger only when it would write them; otherwise Canvass's own lines
 * (warnings, errors) still reach the same logger, through `requestLog`.
 */
export function fastifyLogging(
  logger: Logger | undefined,
): { loggerInstance: FastifyBaseLogger } | { logger: false } {
  return logger?.isLevelEnabled('info') === true ? { loggerInstance: logger } : { logger: false };
}

/** Makes `logger` (or Fastify's own, silent without one) the app's `canvassLog`. */
export function decorateLogging(app: FastifyInstance, logger: Logger | undefined): void {
  app.decorate('canvassLog', logger ?? app.log);
}

/**
 * The logger for a line about `request`, carrying its id: Fastify's child for the request
 * when it made one, else one made now, only because a line is being written.
 */
export function requestLog(request: FastifyRequest): FastifyBaseLogger {
  if (request.log !== request.server.log) return request.log;
  return request.server.canvassLog.child({ reqId: request.id });
}
