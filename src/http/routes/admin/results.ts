import type { FastifyInstance } from 'fastify';
import { resultPageCount, resultPageRange } from '../../../domain/index.js';
import { resultsPage } from '../../../views/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { csrfToken } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import { resultsQuerySchema, selectVersion } from './selection.js';
import { pageResults } from './slices.js';

/** Comments shown per page of the results. */
export const COMMENTS_PER_PAGE = 25;

/**
 * `GET /admin/surveys/:slug[?version=N&page=N&comments=N]`: one version's results, 50
 * questions a page (issue 18 item 5). Indexed queries whatever the number of responses
 * (versions with counts, the page's choice counts five questions at a time, one page of
 * comments); a page past the last is a 404.
 */
export function resultRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: SlugParams }>('/admin/surveys/:slug', async (request, reply) => {
    const query = resultsQuerySchema.safeParse(request.query);
    if (!query.success) return sendErrorPage(request, reply, 404);
    const selected = await selectVersion(context, request.params.slug, query.data.version);
    if (selected === undefined) return sendErrorPage(request, reply, 404);
    const { survey, summary, all, currentNumber } = selected;
    const { page, comments: commentPage } = query.data;
    const range = resultPageRange(survey, page);
    if (range === undefined) return sendErrorPage(request, reply, 404);
    const [results, comments] = await Promise.all([
      pageResults(context.storage, survey, summary, range),
      // One extra row says whether there is a next page, without counting them all.
      context.storage.listComments(summary.id, {
        limit: COMMENTS_PER_PAGE + 1,
        offset: (commentPage - 1) * COMMENTS_PER_PAGE,
      }),
    ]);
    const line = (v: (typeof all)[number]) => ({
      number: v.number,
      started: v.started,
      completed: v.completed,
      createdAt: v.createdAt,
      current: v.number === currentNumber,
    });
    const body = resultsPage({
      survey,
      version: line(summary),
      versions: all.map(line),
      ...results,
      paging: {
        page,
        pages: resultPageCount(survey),
        ...range,
        total: survey.questions.length,
      },
      comments: comments.slice(0, COMMENTS_PER_PAGE),
      commentPage,
      hasMoreComments: comments.length > COMMENTS_PER_PAGE,
      csrf: csrfToken(request),
    });
    return sendPage(request, reply, body);
  });
}
