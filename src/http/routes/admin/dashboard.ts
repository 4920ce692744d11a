import type { FastifyInstance } from 'fastify';
import { dashboardPage } from '../../../views/index.js';
import type { AppContext } from '../../context.js';
import { csrfToken } from '../../csrf.js';
import { sendPage } from '../../render.js';

/** `GET /admin`: each survey served, with started and completed counts from one GROUP BY. */
export function dashboardRoutes(app: FastifyInstance, { surveys, storage }: AppContext): void {
  app.get('/admin', async (request, reply) => {
    const counts = new Map((await storage.surveyCounts()).map((c) => [c.survey, c]));
    const rows = [...surveys.values()].map((s) => ({
      slug: s.slug,
      title: s.title,
      started: counts.get(s.slug)?.started ?? 0,
      completed: counts.get(s.slug)?.completed ?? 0,
    }));
    return sendPage(request, reply, dashboardPage(rows, csrfToken(request)));
  });
}
