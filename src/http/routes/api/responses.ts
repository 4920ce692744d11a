import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { encodeResponsePage } from '../../../domain/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { streamFrom } from '../admin/exports.js';
import { selectVersion } from '../admin/selection.js';
import { mayRead, tokenOf } from './auth.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { sendProblem } from './problems.js';

/** Responses a page holds unless `limit` says otherwise, and at most. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Each parameter once; any other is a mistake worth hearing about (422), not ignored. */
const querySchema = z.strictObject({
  version: z.coerce.number().int().positive().max(1e9).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(100).optional(),
});

/**
 * `GET /api/v1/surveys/:slug/responses[?version=N&limit=L&cursor=C]`: one page of one
 * version's responses (the current one unless asked; an archived survey's latest), by id,
 * each as the JSON export writes it, streamed; `next` is the cursor of the following page
 * (after the last one too: responses begun later come on it) and `more` says whether there are
 * more now. A cursor carries its version, so paging on never changes version.
 */
export function responseRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: SlugParams }>('/surveys/:slug/responses', async (request, reply) => {
    const { slug } = request.params;
    if (!mayRead(tokenOf(request), slug)) {
      return sendProblem(reply, 'forbidden', `This token may not read survey "${slug}".`);
    }
    const query = querySchema.safeParse(request.query);
    if (!query.success) {
      return sendProblem(
        reply,
        'invalid_parameters',
        `Give at most version (a version number), limit (1 to ${MAX_PAGE_SIZE}) and cursor (from "next"), each once.`,
      );
    }
    const { version, limit, cursor: raw } = query.data;
    const cursor = raw === undefined ? undefined : decodeCursor(raw);
    if (raw !== undefined && cursor === undefined) {
      return sendProblem(reply, 'invalid_parameters', 'The cursor is not one this API gave.');
    }
    if (cursor !== undefined && version !== undefined && cursor.version !== version) {
      return sendProblem(
        reply,
        'invalid_parameters',
        `The cursor continues version ${cursor.version}, not ${version}.`,
      );
    }
    const selected = await selectVersion(context, slug, cursor?.version ?? version);
    if (selected === undefined) {
      return sendProblem(reply, 'not_found', `There is no survey "${slug}" or no such version.`);
    }
    const { survey, summary } = selected;
    const after = cursor?.after ?? 0;
    // One more than the page: whether it comes says whether there are more now.
    const responses = context.storage.pageResponses(summary.id, { after, limit: limit + 1 });
    const next = (last: number) => encodeCursor({ version: summary.number, after: last });
    const body = await streamFrom(
      encodeResponsePage(survey, summary.number, { responses, after, limit }, next),
    );
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(body);
  });
}
