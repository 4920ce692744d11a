import type { FastifyInstance } from 'fastify';
import type { AppContext, SlugParams } from '../../context.js';
import { crossTab, resultsJson } from './figures.js';
import { scopeQuerySchema, selectBy, selectScope } from './selection.js';

/** What {@link resultsJsonOf} found: the figures, or why there are none. */
export type ResultsJsonOutcome =
  | { readonly kind: 'ok'; readonly body: object }
  /** `version` is not a version number at all. */
  | { readonly kind: 'bad-version' }
  /** No such survey, or no such version of it. */
  | { readonly kind: 'not-found' }
  /** A parameter that cannot be used: the message says which and why. */
  | { readonly kind: 'bad-query'; readonly message: string };

/**
 * The `results.json` figures of survey `slug` for the query `raw` (`version`, `filter`,
 * `completed`, `from`, `to`, `by`): the admin route and the read API (routes/api) answer with this one body.
 */
export async function resultsJsonOf(
  context: AppContext,
  slug: string,
  raw: unknown,
): Promise<ResultsJsonOutcome> {
  const query = scopeQuerySchema.safeParse(raw);
  if (!query.success) {
    const version = query.error.issues.some((issue) => issue.path[0] === 'version');
    return version
      ? { kind: 'bad-version' }
      : {
          kind: 'bad-query',
          message: 'completed must be 0 or 1; at most 20 filters; from, to and by not that long',
        };
  }
  const chosen = await selectScope(context, slug, query.data);
  if (chosen.kind === 'not-found') return chosen;
  if (chosen.kind === 'bad-filter') return { kind: 'bad-query', message: chosen.message };
  const { scope } = chosen;
  // An archived survey's figures say so (issue 16); a live one's keep their exact keys.
  const marked = chosen.selected.archived ? { archived: true } : {};
  const by = query.data.by;
  if (by === undefined) {
    return { kind: 'ok', body: { ...(await resultsJson(context.storage, scope)), ...marked } };
  }
  const parsed = await selectBy(context, scope, by);
  if (!parsed.ok) return { kind: 'bad-query', message: parsed.message };
  const body = await crossTab(context.storage, scope, parsed.by);
  return { kind: 'ok', body: { ...body, ...marked } };
}

/**
 * `GET /admin/surveys/:slug/results.json[?version=N&filter=QID:CHOICEID&completed=1&from=…&to=…&by=QID]`: the
 * §10 figures of every question (SURVEYS.md). An unknown survey or version is a 404; a filter
 * naming a question or choice the survey lacks, a malformed date or a `by` the survey cannot be
 * grouped by is a 422 saying which.
 */
export function resultsJsonRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: SlugParams }>('/admin/surveys/:slug/results.json', async (request, reply) => {
    const outcome = await resultsJsonOf(context, request.params.slug, request.query);
    switch (outcome.kind) {
      // Not a version number names no version, as on the page.
      case 'bad-version':
      case 'not-found':
        return reply.code(404).send({ error: 'no such survey or version' });
      case 'bad-query':
        return reply.code(422).send({ error: outcome.message });
      case 'ok':
        return reply.header('cache-control', 'private, no-store').send(outcome.body);
    }
  });
}
