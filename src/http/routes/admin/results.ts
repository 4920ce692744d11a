import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  dropOffByPage,
  publicLinkState,
  resultPageCount,
  resultPageRange,
} from '../../../domain/index.js';
import { crossTabSections, resultsPage, type ResultsAudience } from '../../../views/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { csrfToken } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import { pageLines, responseScope, withNarrowed } from './figures.js';
import { commentLines, sendBadFilter, viewOf } from './results-view.js';
import { crossFigures } from './cross.js';
import { scopeQuerySchema, selectBy, selectScope } from './selection.js';
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
 * Who the results are drawn for: the owner, or whoever holds a public link (issue 17 item 6),
 * which shows free text (text answers, Other texts, comments) only when made to.
 */
export type ResultsReader =
  { readonly kind: 'owner' } | { readonly kind: 'public'; readonly texts: boolean };

/**
 * `GET /admin/surveys/:slug[?version=N&filter=QID:CHOICEID&completed=1&from=…&to=…&by=…&page=N&comments=N]`:
 * the §10 results, 50 questions a page (issue 18 item 5), each version where a question is
 * the same added up unless one version is asked for. Indexed queries whatever the number of
 * responses (the counts, each question's aggregates a few questions at a time, one page of
 * comments); a page past the last is a 404, a filter the survey cannot have a 422.
 */
export function resultRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: SlugParams }>('/admin/surveys/:slug', (request, reply) => {
    const { slug } = request.params;
    return sendResults(context, request, reply, slug, `/admin/surveys/${slug}`, { kind: 'owner' });
  });
}

/**
 * The results page of `slug` at `base` for `reader`: the owner's page and a public link's are
 * this one function (issue 17 item 6 — a public page that drifts from the private one is what
 * made Formbricks drop theirs); the reader only decides what is left out.
 */
export async function sendResults(
  context: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  base: string,
  reader: ResultsReader,
): Promise<FastifyReply> {
  const query = pageQuerySchema.safeParse(request.query);
  if (!query.success) return sendErrorPage(request, reply, 404);
  const chosen = await selectScope(context, slug, query.data);
  if (chosen.kind === 'not-found') return sendErrorPage(request, reply, 404);
  if (chosen.kind === 'bad-filter') return sendBadFilter(request, reply, chosen.message);
  const { scope, selected } = chosen;
  // A public link shares answers, not the values its respondents' links carried (they may
  // name people, as free text may): no hidden field to filter or group by there.
  const hiddenAsked =
    scope.filters.some((f) => f.kind === 'hidden') || query.data.by?.startsWith('hidden:') === true;
  if (reader.kind === 'public' && hiddenAsked) {
    return sendBadFilter(request, reply, 'a public results link does not share hidden fields');
  }
  const by =
    query.data.by === undefined ? undefined : await selectBy(context, scope, query.data.by);
  if (by !== undefined && !by.ok) return sendBadFilter(request, reply, by.message);
  const { survey, summary, all, currentNumber } = selected;
  const range = resultPageRange(survey, query.data.page);
  if (range === undefined) return sendErrorPage(request, reply, 404);
  const texts = reader.kind === 'owner' || reader.texts;
  return withNarrowed(context.storage, scope, async (scope) => {
    const counts = await context.storage.scopeCounts(responseScope(scope));
    const view = viewOf(
      base,
      query.data,
      scope,
      scope.versions.length,
      counts,
      range,
      reader.kind === 'owner',
    );
    const { comments: commentPage } = query.data;
    // The drop-off is per page (but a format-1 file's): the pages with a question on this page
    // of results.
    const pages = dropOffByPage(survey)
      ? survey.pages.filter((p) => p.questions.some((q) => q >= range.from && q < range.to))
      : undefined;
    const [results, comments, pageCounts, links] = await Promise.all([
      by !== undefined
        ? crossFigures(context.storage, scope, by.by, range).then(({ tab, lines }) => ({
            questions: lines,
            sections: crossTabSections(tab),
          }))
        : pageFigures(
            context.storage,
            scope,
            range,
            texts
              ? {
                  question: query.data.answers,
                  page: query.data.answersPage,
                  href: (qid, n) =>
                    `${view.href({ ...(query.data.page > 1 ? { page: query.data.page } : {}), answers: qid, answersPage: n })}#q${survey.questions.findIndex((q) => q.id === qid)}-heading`,
                }
              : undefined,
            sliceSize(counts.started),
            counts.started,
            view.filterHref,
          ),
      // One extra row says whether there is a next page, without counting them all.
      texts
        ? context.storage.listScopedComments(responseScope(scope), {
            limit: COMMENTS_PER_PAGE + 1,
            offset: (commentPage - 1) * COMMENTS_PER_PAGE,
          })
        : [],
      pages === undefined ? undefined : pageLines(context.storage, scope, pages),
      reader.kind === 'owner' ? context.storage.listPublicLinks(slug) : undefined,
    ]);
    const line = (v: (typeof all)[number]) => ({
      number: v.number,
      started: v.started,
      completed: v.completed,
      createdAt: v.createdAt,
      current: v.number === currentNumber,
    });
    const at = new Date(context.now());
    const audience: ResultsAudience =
      reader.kind === 'public'
        ? reader
        : {
            kind: 'owner',
            publicLinks: {
              links: (links ?? []).map((l) => ({ ...l, state: publicLinkState(l, at) })),
            },
          };
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
      ...(by === undefined ? {} : { byText: by.by.text }),
      paging: {
        page: query.data.page,
        pages: resultPageCount(survey),
        ...range,
        total: survey.questions.length,
      },
      comments: commentLines(comments.slice(0, COMMENTS_PER_PAGE), scope),
      commentPage,
      hasMoreComments: comments.length > COMMENTS_PER_PAGE,
      // A public reader posts nothing: no token, so no session is made for one.
      csrf: reader.kind === 'owner' ? csrfToken(request) : '',
      base,
      audience,
    });
    return sendPage(request, reply, body);
  });
}
