/**
 * The read API under `/api/v1` (issue 17 item 5; docs/openapi.yaml, docs/decisions/0019):
 * every route needs an API token (`Authorization: Bearer`), never a session or a cookie, and
 * every answer is JSON, errors included (problems.ts), unknown paths and outages too.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { SessionStoreUnavailable } from '@canvass/session';
import { StorageUnavailable } from '../../../storage/index.js';
import type { AppContext } from '../../context.js';
import { requestLog } from '../../logging.js';
import { requireToken } from './auth.js';
import { codeOfStatus, sendProblem } from './problems.js';
import { responseRoutes } from './responses.js';
import { resultRoutes } from './results.js';
import { surveyRoutes } from './surveys.js';

export const API_PREFIX = '/api/v1';

export async function apiRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.decorateRequest('apiToken', null);
  await app.register(
    (api, _options, done) => {
      // No session: a token is the only credential, and a cookie sent along changes nothing.
      api.addHook('onRoute', (route) => {
        route.config = { ...route.config, session: false };
      });
      api.addHook('preHandler', requireToken(context));
      surveyRoutes(api, context);
      responseRoutes(api, context);
      resultRoutes(api, context);
      api.setNotFoundHandler((request, reply) =>
        sendProblem(
          reply,
          'not_found',
          `There is no ${request.method} ${request.url.split('?')[0] ?? ''} in the API.`,
        ),
      );
      api.setErrorHandler((error: FastifyError, request, reply) => {
        if (error instanceof StorageUnavailable || error instanceof SessionStoreUnavailable) {
          requestLog(request).warn({ err: error }, 'storage unavailable');
          reply.header('retry-after', '5');
          return sendProblem(reply, 'unavailable', 'The database cannot be reached; try again.');
        }
        const status = error.statusCode ?? 500;
        if (status >= 400 && status < 500) {
          return sendProblem(reply, codeOfStatus(status), error.message);
        }
        requestLog(request).error({ err: error }, 'request failed');
        return sendProblem(reply, 'internal', 'Canvass hit an unexpected problem.');
      });
      done();
    },
    { prefix: API_PREFIX },
  );
}
