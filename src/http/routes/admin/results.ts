import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { filterChoices, resultPageCount, resultPageRange } from '../../../domain/index.js';
import { errorPage, resultsPage, type ResultsView } from '../../../views/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { csrfToken } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import type { ResultsScope } from './figures.js';
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

type PageQuery = z.output<typeof pageQuerySchema>;

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
    if (chosen.kind === 'bad-filter') return badFilter(request, reply, chosen.message);
    const { scope, selected } = chosen;
    const { survey, summary, all, currentNumber } = selected;
    const range = resultPageRange(survey, query.data.page);
    if (range === undefined) return sendErrorPage(request, reply, 404);
    const counts = await context.storage.scopeCounts({
      versionIds: scope.versions.map((v) => v.id),
      completed: scope.completed,
      filters: scope.filters,
    });
    const view = {
      ...viewOf(`/admin/surveys/${slug}`, query.data, scope, all.length, counts),
      choices: survey.questions.slice(range.from, range.to).flatMap((q, i) => {
        const choices = filterChoices(q);
        return choices === undefined
          ? []
          : [{ id: q.id, number: range.from + i + 1, text: q.text, choices }];
      }),
    };
    const { comments: commentPage } = query.data;
    const [results, comments] = await Promise.all([
      pageFigures(
        context.storage,
        scope,
        range,
        {
          question: query.data.answers,
          page: query.data.answersPage,
          href: (qid, n) =>
            `${view.href({ ...pageOf(query.data), answers: qid, answersPage: n })}#q${survey.questions.findIndex((q) => q.id === qid)}-heading`,
        },
        sliceSize(counts.started),
      ),
      // One extra row says whether there is a next page, without counting them all.
      context.storage.listScopedComments(
        {
          versionIds: scope.versions.map((v) => v.id),
          completed: scope.completed,
          filters: scope.filters,
        },
        { limit: COMMENTS_PER_PAGE + 1, offset: (commentPage - 1) * COMMENTS_PER_PAGE },
      ),
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
      view,
      paging: {
        page: query.data.page,
        pages: resultPageCount(survey),
        ...range,
        total: survey.questions.length,
      },
      comments: comments.slice(0, COMMENTS_PER_PAGE).map((c) => ({
        ...c,
        questionText:
          scope.versions.find((v) => v.id === c.versionId)?.survey.questions[c.question]?.text ??
          `Question ${c.question + 1}`,
      })),
      commentPage,
      hasMoreComments: comments.length > COMMENTS_PER_PAGE,
      csrf: csrfToken(request),
    });
    return sendPage(request, reply, body);
  });
}

const pageOf = (query: PageQuery) => (query.page > 1 ? { page: query.page } : {});

/**
 * The page's view: links keep the version (when one is shown alone, or the survey has only
 * one, where both views are the same), the filters and `completed`.
 */
function viewOf(
  base: string,
  query: PageQuery,
  scope: ResultsScope,
  versionCount: number,
  counts: { started: number; completed: number },
): ResultsView {
  const alone = query.version !== undefined || versionCount <= 1;
  const link = (params: [string, string][]) => {
    const search = new URLSearchParams(params).toString();
    return search === '' ? base : `${base}?${search}`;
  };
  const version: [string, string][] = alone ? [['version', String(scope.base.number)]] : [];
  const scoped: [string, string][] = [
    ...version,
    ...query.filter.map((f): [string, string] => ['filter', f]),
    ...(query.completed ? [['completed', '1'] as [string, string]] : []),
  ];
  return {
    alone,
    versionCount,
    ...counts,
    filters: scope.filters.map((f) => ({ question: f.question, choice: f.choice })),
    completedOnly: scope.completed,
    href: (extra) =>
      link([...scoped, ...Object.entries(extra).map(([k, v]): [string, string] => [k, String(v)])]),
    unfiltered: link(version),
    completedHref: link([...scoped, ['completed', '1']]),
    kept: scoped,
  };
}

function badFilter(request: FastifyRequest, reply: FastifyReply, message: string) {
  const page = errorPage(422, 'That filter does not fit this survey', `${message}.`);
  return sendPage(request, reply, page, 422);
}
