import type { FastifyInstance } from 'fastify';
import type { AppContext, SlugParams } from '../../context.js';
import { resultsJsonOf } from '../admin/results-json.js';
import { scopeQuerySchema } from '../admin/selection.js';
import { mayRead, tokenOf } from './auth.js';
import { sendProblem } from './problems.js';

/** The parameters `results.json` reads; the API refuses any other rather than ignore it. */
const KNOWN = new Set(Object.keys(scopeQuerySchema.shape));

/**
 * `GET /api/v1/surveys/:slug/results[?version=N&filter=QID:CHOICEID&completed=1&by=QID]`: the
 * admin area's `results.json`, the same body drawn by the same code (`resultsJsonOf`).
 */
export function resultRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: SlugParams }>('/surveys/:slug/results', async (request, reply) => {
    const { slug } = request.params;
    if (!mayRead(tokenOf(request), slug)) {
      return sendProblem(reply, 'forbidden', `This token may not read survey "${slug}".`);
    }
    const unknown = Object.keys(request.query as object).filter((key) => !KNOWN.has(key));
    if (unknown.length > 0) {
      return sendProblem(
        reply,
        'invalid_parameters',
        `Unknown parameter ${unknown.join(', ')}: give ${[...KNOWN].join(', ')}.`,
      );
    }
    const outcome = await resultsJsonOf(context, slug, request.query);
    switch (outcome.kind) {
      case 'bad-version':
        return sendProblem(reply, 'invalid_parameters', 'version must be a version number.');
      case 'not-found':
        return sendProblem(reply, 'not_found', `There is no survey "${slug}" or no such version.`);
      case 'bad-query':
        return sendProblem(reply, 'invalid_parameters', outcome.message);
      case 'ok':
        return reply.header('cache-control', 'private, no-store').send(outcome.body);
    }
  });
}
