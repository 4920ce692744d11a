import { setImmediate } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import {
  resultPageCount,
  resultPageRange,
  summariseResults,
  talliedRange,
  type QuestionResult,
} from '../../../domain/index.js';
import { html, resultSections, resultsPage, type SafeHtml } from '../../../views/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { csrfToken } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import { resultsQuerySchema, selectVersion } from './selection.js';

/** Question sections made between two turns of the event loop. */
const SLICE = 5;

/**
 * speed: the charts and tables of a page of questions, a slice at a time with the event loop
 * let go in between. A page of 50 questions × 50 choices is a megabyte of markup; made in one
 * go it held every other request up for as long (issue 18 item 5).
 */
async function sectionsInSlices(questions: readonly QuestionResult[]): Promise<SafeHtml> {
  const parts: SafeHtml[] = [];
  for (let i = 0; i < questions.length; i += SLICE) {
    if (i > 0) await setImmediate();
    parts.push(resultSections(questions.slice(i, i + SLICE)));
  }
  return html`${parts}`;
}

/** Comments shown per page of the results. */
export const COMMENTS_PER_PAGE = 25;

/**
 * `GET /admin/surveys/:slug[?version=N&page=N&comments=N]`: one version's results, 50
 * questions a page (issue 18 item 5). Three indexed queries whatever the number of responses
 * (versions with counts, the page's choice counts, one page of comments); a page past the last
 * is a 404.
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
    const [tallies, comments] = await Promise.all([
      context.storage.choiceCounts(summary.id, talliedRange(range)),
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
    const questions = summariseResults(survey, summary.started, tallies, range);
    const body = resultsPage({
      survey,
      version: line(summary),
      versions: all.map(line),
      questions,
      sections: await sectionsInSlices(questions),
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
