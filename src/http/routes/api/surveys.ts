import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { surveyOverviews } from '../admin/dashboard.js';
import { mayRead, tokenOf } from './auth.js';

/**
 * `GET /api/v1/surveys`: the surveys the token may read (one, or all), live, unlisted and
 * archived alike, each with its counts as the dashboard shows them and its versions, newest
 * first, `current` marking the one served now (none for an archived survey).
 */
export function surveyRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/surveys', async (request, reply) => {
    const token = tokenOf(request);
    const readable = (await surveyOverviews(context)).filter((s) => mayRead(token, s.slug));
    const surveys = await Promise.all(
      readable.map(async (s) => {
        const current = s.state === 'archived' ? undefined : context.versions.current(s.slug);
        const versions = await context.storage.listVersions(s.slug);
        return {
          slug: s.slug,
          title: s.title,
          state: s.state ?? 'live',
          started: s.started,
          completed: s.completed,
          versions: versions.map((v) => ({
            number: v.number,
            current: v.number === current?.number,
            createdAt: v.createdAt,
            started: v.started,
            completed: v.completed,
          })),
        };
      }),
    );
    return reply.header('cache-control', 'private, no-store').send({ surveys });
  });
}
