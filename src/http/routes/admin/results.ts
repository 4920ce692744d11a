import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { resultPageCount, resultPageRange } from '../../../domain/index.js';
import { resultsPage } from '../../../views/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { csrfToken } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import { pageLines, responseScope } from './figures.js';
import { commentLines, sendBadFilter, viewOf } from './results-view.js';
import { scopeQuerySchema, selectScope } from './selection.js';
import { pageFigures, sliceSize } from './slices.js';

/** Comments shown per page of the results. */
export const COMMENTS_PER_PAGE = 25;

/** `?page=N`, `?comments=N`, `?answers=QID&answersPage=N` besides the scope's parameters. */
const pageQuerySchema = scopeQuerySchema.extend({
  page: z.coerce.number().int().positive().max(1_000_000).default(1),
  comments: z.coerce.number().int().positive().max(1_000_000).default(1),
  answers: z.string().max(200).optional(),
  answersPage: z.coerce.number().int().positive().max(1_000_000).default(1),
});

/**
 * `GET /admin/surveys/:slug[?version=N&filter=QID:CHOICEID&completed=1&page=N&comments=N]`:
 * the §10 results, 50 questions a page (issue 18 item 5), each version where a question is
 * the same added up unless one version is asked for. Indexed queries whatever the number of
 * responses (the counts, each question's aggregates a few questions at a time, one page of
 * comments); a page past the last is a 404, a filter the survey cannot have a 422.
 */
export function resultRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: SlugParams }>('/admin/surveys/:slug', async (request, reply) => {
    const query = pageQuerySchema.safeParse(request.query);
    if (!query.success) return sendErrorPage(request, reply, 404);
    const { slug } = request.params;
    const chosen = await selectScope(context, slug, query.data);
    if (chosen.kind === 'not-found') return sendErrorPage(request, reply, 404);
    if (chosen.kind === 'bad-filter') return sendBadFilter(request, reply, chosen.message);
    const { scope, selected } = chosen;
    const { survey, summary, all, currentNumber } = selected;
    const range = resultPageRange(survey, query.data.page);
    if (range === undefined) return sendErrorPage(request, reply, 404);
    const counts = await context.storage.scopeCounts(responseScope(scope));
    const view = viewOf(
      `/admin/surveys/${slug}`,
      query.data,
      scope,
      scope.versions.length,
      counts,
      range,
    );
    const { comments: commentPage } = query.data;
    // A `pages:` file's drop-off is per page: the pages with a question on this page of results.
    const pages =
      survey.layout === 'pages'
        ? survey.pages.filter((p) => p.questions.some((q) => q >= range.from && q < range.to))
        : undefined;
    const [results, comments, pageCounts] = await Promise.all([
      pageFigures(
        context.storage,
        scope,
        range,
        {
          question: query.data.answers,
          page: query.data.answersPage,
          href: (qid, n) =>
            `${view.href({ ...(query.data.page > 1 ? { page: query.data.page } : {}), answers: qid, answersPage: n })}#q${survey.questions.findIndex((q) => q.id === qid)}-heading`,
        },
        sliceSize(counts.started),
        counts.started,
      ),
      // One extra row says whether there is a next page, without counting them all.
      context.storage.listScopedComments(responseScope(scope), {
        limit: COMMENTS_PER_PAGE + 1,
        offset: (commentPage - 1) * COMMENTS_PER_PAGE,
      }),
      pages === undefined ? undefined : pageLines(context.storage, scope, pages),
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
      archived: selected.archived,
      version: line(summary),
      versions: all.map(line),
      ...results,
      ...(pages === undefined || pageCounts === undefined
        ? {}
        : { pages: pageCounts.map((line, i) => ({ ...line, index: pages[i]?.index ?? i })) }),
      view,
      paging: {
        page: query.data.page,
        pages: resultPageCount(survey),
        ...range,
        total: survey.questions.length,
      },
      comments: commentLines(comments.slice(0, COMMENTS_PER_PAGE), scope),
      commentPage,
      hasMoreComments: comments.length > COMMENTS_PER_PAGE,
      csrf: csrfToken(request),
    });
    return sendPage(request, reply, body);
  });
}
