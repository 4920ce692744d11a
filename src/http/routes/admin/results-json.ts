import type { FastifyInstance } from 'fastify';
import type { AppContext, SlugParams } from '../../context.js';
import { crossTab, resultsJson } from './figures.js';
import { scopeQuerySchema, selectBy, selectScope } from './selection.js';

/**
 * `GET /admin/surveys/:slug/results.json[?version=N&filter=QID:CHOICEID&completed=1&from=…&to=…&by=QID]`: the
 * §10 figures of every question (SURVEYS.md). An unknown survey or version is a 404; a filter
 * naming a question or choice the survey lacks, a malformed date or a `by` the survey cannot be
 * grouped by is a 422 saying which.
 */
export function resultsJsonRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: SlugParams }>('/admin/surveys/:slug/results.json', async (request, reply) => {
    const query = scopeQuerySchema.safeParse(request.query);
    if (!query.success) {
      // Not a version number names no version, as on the page; anything else is a bad request.
      const version = query.error.issues.some((issue) => issue.path[0] === 'version');
      return version
        ? reply.code(404).send({ error: 'no such survey or version' })
        : reply.code(422).send({
            error: 'completed must be 0 or 1; at most 20 filters; from, to and by not that long',
          });
    }
    const chosen = await selectScope(context, request.params.slug, query.data);
    if (chosen.kind === 'not-found') {
      return reply.code(404).send({ error: 'no such survey or version' });
    }
    if (chosen.kind === 'bad-filter') return reply.code(422).send({ error: chosen.message });
    const { scope } = chosen;
    // An archived survey's figures say so (issue 16); a live one's keep their exact keys.
    const marked = chosen.selected.archived ? { archived: true } : {};
    const by = query.data.by;
    if (by === undefined) {
      return reply
        .header('cache-control', 'private, no-store')
        .send({ ...(await resultsJson(context.storage, scope)), ...marked });
    }
    const parsed = await selectBy(context, scope, by);
    if (!parsed.ok) return reply.code(422).send({ error: parsed.message });
    const body = await crossTab(context.storage, scope, parsed.by);
    return reply.header('cache-control', 'private, no-store').send({ ...body, ...marked });
  });
}
