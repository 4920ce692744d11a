import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Survey } from '../domain/index.js';
import type { SessionLayer } from '../session/index.js';
import type { Storage } from '../storage/index.js';
import { handleError, sendErrorPage } from './errors.js';
import {
  BASELINE_HEADERS,
  clientErrorHandler,
  registerHardening,
  registerPrivateCaching,
  timeoutOptions,
  type Timeouts,
} from './hardening/index.js';
import { decorateLogging, fastifyLogging } from './logging.js';
import { registerSessions } from './plugins/session.js';
import type { AdminLifetimes } from './routes/admin/admin-session.js';
import { adminRoutes } from './routes/admin/index.js';
import { completeRoutes } from './routes/complete.js';
import { questionRoutes } from './routes/questions.js';
import { surveyRoutes } from './routes/surveys.js';
import { systemRoutes, type HealthChecks } from './routes/system.js';
import { registerVersions } from './versions.js';

/** Request bodies over this many bytes get 413 before anything else looks at them. */
export const BODY_LIMIT = 64 * 1024;

export interface AppOptions {
  readonly surveys: readonly Survey[];
  readonly storage: Storage;
  readonly sessions: SessionLayer;
  /** Mark the session cookie `Secure` even over plain HTTP (behind a TLS-terminating proxy). */
  readonly secureCookies?: boolean;
  /** Where log lines go (a pino logger); without one, nothing is logged. */
  readonly logger?: Logger;
  /** The owners' password for `/admin`; without one the admin area stays closed. */
  readonly adminPassword?: string;
  /**
   * Requests per minute per client IP; 0 or absent: no global limit (`canvass serve` defaults
   * to `DEFAULT_RATE_LIMIT`).
   */
  readonly rateLimit?: number;
  /** Overrides of the client timeouts (`DEFAULT_TIMEOUTS`), in milliseconds. */
  readonly timeouts?: Partial<Timeouts>;
  /** Admin session lifetimes in seconds (default 30 minutes idle, 12 hours in all). */
  readonly adminLifetimes?: AdminLifetimes;
  /** The clock of admin session lifetimes, in milliseconds (`Date.now`); tests inject one. */
  readonly now?: () => number;
  /** Dependencies `/healthz` checks besides the database (the Redis session store). */
  readonly health?: HealthChecks;
}

/** Builds the Canvass HTTP application; `listen` or `inject` it, and `close` it when done. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    ...fastifyLogging(options.logger),
    // Answers are forms; nothing else is accepted (a JSON or text/plain POST is 415).
    return503OnClosing: true,
    ...timeoutOptions(options.timeouts),
    // Requests refused before routing get the same HTML error pages as the rest (issue 5).
    clientErrorHandler,
    frameworkErrors: (error, request, reply) => {
      void sendErrorPage(request, reply.headers(BASELINE_HEADERS), error.statusCode ?? 400);
    },
  });
  decorateLogging(app, options.logger);
  await registerHardening(app, { rateLimit: options.rateLimit ?? 0 });
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: BODY_LIMIT });

  registerSessions(
    app,
    options.sessions,
    options.secureCookies === undefined ? {} : { secure: options.secureCookies },
  );
  registerPrivateCaching(app);

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => sendErrorPage(request, reply, 404));

  const context = {
    surveys: new Map(options.surveys.map((s) => [s.slug, s])),
    storage: options.storage,
    // Each distinct definition is stored once, when the app starts (issue 4).
    versions: await registerVersions(options.storage, options.surveys),
  };
  surveyRoutes(app, context);
  questionRoutes(app, context);
  completeRoutes(app, context);
  systemRoutes(app, context, options.health);
  await adminRoutes(app, context, options.adminPassword, {
    ...(options.adminLifetimes === undefined ? {} : { lifetimes: options.adminLifetimes }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return app;
}
