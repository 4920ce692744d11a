import type { FastifyInstance } from 'fastify';
import { beginProgress, canStart, decideBegin, isComplete } from '../../domain/index.js';
import { homePage, startPage, type StartState } from '../../views/index.js';
import type { AppContext, SlugParams } from '../context.js';
import { csrfToken, requireCsrf } from '../csrf.js';
import { sendErrorPage } from '../errors.js';
import { readProgress, targetUrl, writeProgress } from '../progress.js';
import { sendPage } from '../render.js';

/** The list of surveys, each survey's start page, and `begin`. */
export function surveyRoutes(app: FastifyInstance, { surveys, storage }: AppContext): void {
  const list = [...surveys.values()];

  app.get('/', (request, reply) => sendPage(request, reply, homePage(list)));

  app.get<{ Params: SlugParams }>('/surveys/:slug', (request, reply) => {
    const survey = surveys.get(request.params.slug);
    if (survey === undefined) return sendErrorPage(request, reply, 404);
    const progress = readProgress(request, survey.slug);
    let state: StartState = { kind: 'new' };
    if (progress !== undefined) {
      state = isComplete(survey, progress)
        ? { kind: 'completed', canRetake: canStart(survey, progress) }
        : { kind: 'in-progress', answered: progress.answered };
    }
    return sendPage(request, reply, startPage(survey, state, csrfToken(request)));
  });

  app.post<{ Params: SlugParams }>(
    '/surveys/:slug/begin',
    { preHandler: requireCsrf },
    async (request, reply) => {
      const survey = surveys.get(request.params.slug);
      if (survey === undefined) return sendErrorPage(request, reply, 404);
      const decision = decideBegin(survey, readProgress(request, survey.slug));
      if (decision.kind === 'redirect')
        return reply.redirect(targetUrl(survey.slug, decision.to), 303);
      // Each begin is a new response with its id fixed now; earlier responses stay stored.
      const responseId = await storage.createResponse({
        survey: survey.slug,
        startedAt: new Date(),
      });
      writeProgress(request, survey.slug, beginProgress(responseId));
      return reply.redirect(targetUrl(survey.slug, { page: 'question', qid: 0 }), 303);
    },
  );
}
