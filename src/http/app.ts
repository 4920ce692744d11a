import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Survey } from '../domain/index.js';
import { DEFAULT_MAX_AGE, type SessionLayer } from '@canvass/session';
import type { Storage } from '../storage/index.js';
import { handleError, sendErrorPage } from './errors.js';
import {
  BASELINE_HEADERS,
  BODY_LIMIT,
  clientErrorHandler,
  createLimits,
  DEFAULT_RATE_LIMIT,
  registerHardening,
  registerPrivateCaching,
  timeoutOptions,
  type Timeouts,
  type TrustProxy,
} from './hardening/index.js';
import { createCatalogue, type SurveyCatalogue } from './catalogue.js';
import { lazySchemaCompilers } from './schema-compilers.js';
import { csrfToken } from './csrf.js';
import { decorateLogging, fastifyLogging } from './logging.js';
import { registerSessions } from '@canvass/session/fastify';
import type { AdminLifetimes } from './routes/admin/admin-session.js';
import { adminRoutes } from './routes/admin/index.js';
import { apiRoutes } from './routes/api/index.js';
import { completeRoutes } from './routes/complete.js';
import { questionRoutes } from './routes/questions.js';
import { publicResultRoutes } from './routes/public-results.js';
import { resumeRoutes } from './routes/resume.js';
import { surveyRoutes } from './routes/surveys.js';
import { systemRoutes, type HealthChecks } from './routes/system.js';
import { registerVersions } from './versions.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The surveys served; `canvass serve` reloads them when the directory changes. */
    canvassSurveys: SurveyCatalogue;
  }
}

/** Request bodies over this many bytes get 413 before anything else looks at them. */
export { BODY_LIMIT };

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
   * `RATE_LIMIT`: new responses (`begin`) per client address per minute, `DEFAULT_RATE_LIMIT`
   * when absent; 0 turns every per-client limit off (hardening/limits.ts).
   */
  readonly rateLimit?: number;
  /**
   * `TRUST_PROXY`: the hops, or the proxies' addresses, whose `X-Forwarded-For` gives the real
   * client address. Absent: none, and `request.ip` is the connection's peer.
   */
  readonly trustProxy?: TrustProxy;
  /** Overrides of the client timeouts (`DEFAULT_TIMEOUTS`), in milliseconds. */
  readonly timeouts?: Partial<Timeouts>;
  /** Admin session lifetimes in seconds (default 30 minutes idle, 12 hours in all). */
  readonly adminLifetimes?: AdminLifetimes;
  /**
   * `SESSION_MAX_AGE` in seconds (default 30 days): how long a resume link (SURVEYS.md §7) is
   * honoured. The session manager has its own copy; this one is the link's.
   */
  readonly sessionMaxAge?: number;
  /**
   * The clock of admin session lifetimes, resume link expiry and a survey's opening and closing
   * (SURVEYS.md §8), in milliseconds (`Date.now`); tests inject one.
   */
  readonly now?: () => number;
  /** Dependencies `/healthz` checks besides the database (the Redis session store). */
  readonly health?: HealthChecks;
}

/** Builds the Canvass HTTP application; `listen` or `inject` it, and `close` it when done. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    schemaController: lazySchemaCompilers,
    ...fastifyLogging(options.logger),
    // Answers are forms; nothing else is accepted (a JSON or text/plain POST is 415).
    return503OnClosing: true,
    ...timeoutOptions(options.timeouts),
    trustProxy: trustProxyOption(options.trustProxy),
    // Requests refused before routing get the same HTML error pages as the rest (issue 5).
    clientErrorHandler,
    frameworkErrors: (error, request, reply) => {
      void sendErrorPage(request, reply.headers(BASELINE_HEADERS), error.statusCode ?? 400);
    },
  });
  decorateLogging(app, options.logger);
  await registerHardening(app);
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

  // Each distinct definition is stored once, when the app starts (issue 4) or a reload finds it.
  const versions = await registerVersions(options.storage, options.surveys);
  const catalogue = createCatalogue(options.storage, versions, options.surveys);
  app.decorate('canvassSurveys', catalogue);
  const context = {
    surveys: catalogue.surveys,
    catalogue,
    storage: options.storage,
    versions,
    // Per session: the CSRF token, which every begin carries (csrf.ts checks it first).
    limits: createLimits(app, options.rateLimit ?? DEFAULT_RATE_LIMIT, csrfToken),
    now: options.now ?? Date.now,
  };
  surveyRoutes(app, context);
  questionRoutes(app, context);
  completeRoutes(app, context);
  resumeRoutes(app, context, {
    lifetime: options.sessionMaxAge ?? DEFAULT_MAX_AGE,
    now: options.now ?? Date.now,
  });
  systemRoutes(app, context, options.health);
  publicResultRoutes(app, context);
  await apiRoutes(app, context);
  await adminRoutes(app, context, options.adminPassword, {
    ...(options.adminLifetimes === undefined ? {} : { lifetimes: options.adminLifetimes }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return app;
}

/**
 * Fastify's `trustProxy`: nothing trusted by default. A hop count becomes the function Fastify
 * makes of a number itself (trust the `hops` addresses nearest the server), since its types
 * accept no number.
 */
function trustProxyOption(
  given: TrustProxy | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (given === undefined || given === 0) return false;
  if (typeof given !== 'number') return [...given];
  return (_address, hop) => hop < given;
}
