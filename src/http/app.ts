import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Survey } from '../domain/index.js';
import type { SessionManager } from '../session/index.js';
import type { Storage } from '../storage/index.js';
import { handleError, sendErrorPage } from './errors.js';
import { registerSessions } from './plugins/session.js';
import { completeRoutes } from './routes/complete.js';
import { questionRoutes } from './routes/questions.js';
import { surveyRoutes } from './routes/surveys.js';
import { systemRoutes } from './routes/system.js';

/** Request bodies over this many bytes get 413 before anything else looks at them. */
export const BODY_LIMIT = 64 * 1024;

export interface AppOptions {
  readonly surveys: readonly Survey[];
  readonly storage: Storage;
  readonly sessions: SessionManager;
  /** Mark the session cookie `Secure` even over plain HTTP (behind a TLS-terminating proxy). */
  readonly secureCookies?: boolean;
  readonly logger?: FastifyServerOptions['logger'];
}

/** Builds the Canvass HTTP application; `listen` or `inject` it, and `close` it when done. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: options.logger ?? false,
    // Answers are forms; nothing else is accepted (a JSON or text/plain POST is 415).
    return503OnClosing: true,
  });
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: BODY_LIMIT });

  registerSessions(
    app,
    options.sessions,
    options.secureCookies === undefined ? {} : { secure: options.secureCookies },
  );

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => sendErrorPage(request, reply, 404));

  const context = {
    surveys: new Map(options.surveys.map((s) => [s.slug, s])),
    storage: options.storage,
  };
  surveyRoutes(app, context);
  questionRoutes(app, context);
  completeRoutes(app, context);
  systemRoutes(app, context);
  return app;
}
