import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { answerParts, fromStoredValues, type Survey } from '../../../domain/index.js';
import type { StoredResponse } from '../../../storage/index.js';
import { responsePage, responsesPage, type ResponseAnswerLine } from '../../../views/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { csrfToken } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import { selectVersion } from './selection.js';

/** Responses listed per page. */
export const RESPONSES_PER_PAGE = 50;

/**
 * The largest id either engine stores (PostgreSQL's `integer`): a larger one in a URL is a 404,
 * not a query the database rejects.
 */
export const MAX_ID = 2_147_483_647;

/** An id in a path or query: plain decimal digits, within {@link MAX_ID}. */
export const idSchema = z
  .string()
  .regex(/^[0-9]{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_ID));

/** `?before=ID`: the page of responses older than that id (keyset paging). */
const listQuerySchema = z.object({ before: idSchema.optional() });

export interface ResponseParams extends SlugParams {
  id: string;
}

/**
 * The response `:id` of `:slug` with the survey as its own version defines it, or undefined
 * (an unknown id, one of another survey, a version no longer readable): the route answers 404.
 */
export async function findResponse(
  context: AppContext,
  params: ResponseParams,
): Promise<{ response: StoredResponse; survey: Survey; number?: number } | undefined> {
  const id = idSchema.safeParse(params.id);
  if (!id.success) return undefined;
  const response = await context.storage.getResponse(id.data);
  if (response === undefined || response.survey !== params.slug) return undefined;
  const version =
    response.versionId === null
      ? undefined
      : await context.versions.find(params.slug, response.versionId);
  if (version !== undefined) return { response, survey: version.survey, number: version.number };
  const live = context.surveys.get(params.slug);
  return live === undefined ? undefined : { response, survey: live };
}

/** Each stored answer as respondents saw it; a statement (nothing to answer) is left out. */
function answerLines(survey: Survey, response: StoredResponse): ResponseAnswerLine[] {
  return response.answers.flatMap((stored) => {
    const question = survey.questions[stored.question];
    if (question === undefined) return [];
    const parts = answerParts(question, fromStoredValues(question, stored));
    if (parts === undefined) return [];
    return [
      {
        number: stored.question + 1,
        question: question.text,
        text: parts.text,
        ...(parts.other === undefined ? {} : { other: parts.other }),
        comment: stored.comment,
      },
    ];
  });
}

/**
 * `GET /admin/surveys/:slug/responses[?before=ID]` and `GET …/responses/:id` (issue 17 item 2):
 * the list reads one keyset page of the (survey, id) index, plus one row to know whether an
 * older page exists; a response's page reads that response. Unknown surveys, ids of other
 * surveys and malformed ids are 404s.
 */
export function responseRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: SlugParams }>('/admin/surveys/:slug/responses', async (request, reply) => {
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success) return sendErrorPage(request, reply, 404);
    const { slug } = request.params;
    const selected = await selectVersion(context, slug, undefined);
    if (selected === undefined) return sendErrorPage(request, reply, 404);
    const { before } = query.data;
    const rows = await context.storage.listResponseLines(slug, {
      ...(before === undefined ? {} : { before }),
      limit: RESPONSES_PER_PAGE + 1,
    });
    const shown = rows.slice(0, RESPONSES_PER_PAGE);
    const numbers = new Map(selected.all.map((v) => [v.id, v.number]));
    const last = shown.at(-1);
    return sendPage(
      request,
      reply,
      responsesPage({
        slug,
        title: selected.survey.title,
        lines: shown.map((r) => ({
          id: r.id,
          version: r.versionId === null ? undefined : numbers.get(r.versionId),
          startedAt: r.startedAt,
          completedAt: r.completedAt,
          lang: r.lang,
        })),
        languages: selected.survey.languages !== undefined,
        ...(rows.length > RESPONSES_PER_PAGE && last !== undefined
          ? { older: `/admin/surveys/${slug}/responses?before=${last.id}` }
          : {}),
        paged: before !== undefined,
        versions: selected.all,
        csrf: csrfToken(request),
      }),
    );
  });

  app.get<{ Params: ResponseParams }>(
    '/admin/surveys/:slug/responses/:id',
    async (request, reply) => {
      const found = await findResponse(context, request.params);
      if (found === undefined) return sendErrorPage(request, reply, 404);
      const { response, survey, number } = found;
      return sendPage(
        request,
        reply,
        responsePage({
          slug: survey.slug,
          title: survey.title,
          id: response.id,
          version: number,
          startedAt: response.startedAt,
          completedAt: response.completedAt,
          lang: response.lang,
          answers: answerLines(survey, response),
          hidden: Object.entries(response.hidden ?? {}),
          csrf: csrfToken(request),
        }),
      );
    },
  );
}
