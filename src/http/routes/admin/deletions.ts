import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { slugSchema } from '../../../domain/index.js';
import type { VersionSummary } from '../../../storage/index.js';
import { confirmDeletionPage } from '../../../views/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { csrfToken, requireCsrf } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import { findResponse, idSchema, type ResponseParams } from './responses.js';

interface VersionParams extends SlugParams {
  n: string;
}

/** The version numbered `:n` of `:slug` and the survey's title, or undefined (404). */
async function findVersion(
  context: AppContext,
  params: VersionParams,
): Promise<{ version: VersionSummary; title: string } | undefined> {
  const number = idSchema.safeParse(params.n);
  if (!number.success || !slugSchema.safeParse(params.slug).success) return undefined;
  const all = await context.storage.listVersions(params.slug);
  const version = all.find((v) => v.number === number.data);
  if (version === undefined) return undefined;
  const stored = await context.versions.find(params.slug, version.id);
  const title = stored?.survey.title ?? context.surveys.get(params.slug)?.title ?? params.slug;
  return { version, title };
}

const confirm = (
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
  deletion: Parameters<typeof confirmDeletionPage>[1],
) =>
  sendPage(
    request,
    reply,
    confirmDeletionPage(
      { slug: (request.params as SlugParams).slug, title, csrf: csrfToken(request) },
      deletion,
    ),
  );

/**
 * Deleting (issue 17 item 2): one response, or every response of one version ("clear test
 * data"). Each is a GET confirmation page whose form POSTs, CSRF-checked, to the same address;
 * the deletion and its audit-log entry are one transaction (storage/manage.ts). After it, the
 * owner lands on the response list with a notice saying what went.
 */
export function deletionRoutes(app: FastifyInstance, context: AppContext): void {
  const responsePath = '/admin/surveys/:slug/responses/:id/delete';
  app.get<{ Params: ResponseParams }>(responsePath, async (request, reply) => {
    const found = await findResponse(context, request.params);
    if (found === undefined) return sendErrorPage(request, reply, 404);
    const { response, survey } = found;
    return confirm(request, reply, survey.title, {
      kind: 'response',
      id: response.id,
      completed: response.completedAt !== null,
    });
  });
  app.post<{ Params: ResponseParams }>(
    responsePath,
    { preHandler: requireCsrf },
    async (request, reply) => {
      const found = await findResponse(context, request.params);
      if (found === undefined) return sendErrorPage(request, reply, 404);
      const { response, number } = found;
      const state = response.completedAt === null ? 'partial' : 'completed';
      const deleted = await context.storage.deleteResponse({
        survey: response.survey,
        responseId: response.id,
        at: new Date(context.now()),
        detail: `Response #${response.id}${number === undefined ? '' : ` of version ${number}`} (${state}, started ${response.startedAt})`,
      });
      if (!deleted) return sendErrorPage(request, reply, 404);
      request.session.flash(`Response #${response.id} was deleted.`, 'info');
      return reply.redirect(`/admin/surveys/${response.survey}/responses`, 303);
    },
  );

  const clearPath = '/admin/surveys/:slug/versions/:n/clear';
  app.get<{ Params: VersionParams }>(clearPath, async (request, reply) => {
    const found = await findVersion(context, request.params);
    if (found === undefined) return sendErrorPage(request, reply, 404);
    const { version, title } = found;
    return confirm(request, reply, title, {
      kind: 'version',
      number: version.number,
      started: version.started,
      completed: version.completed,
    });
  });
  app.post<{ Params: VersionParams }>(
    clearPath,
    { preHandler: requireCsrf },
    async (request, reply) => {
      const found = await findVersion(context, request.params);
      if (found === undefined) return sendErrorPage(request, reply, 404);
      const { version } = found;
      const count = (n: number) => `${n} ${n === 1 ? 'response' : 'responses'}`;
      const deleted = await context.storage.clearVersion({
        survey: version.survey,
        versionId: version.id,
        at: new Date(context.now()),
        detail: (n) => `Version ${version.number}: ${count(n)} deleted`,
      });
      request.session.flash(`Version ${version.number}: ${count(deleted)} deleted.`, 'info');
      return reply.redirect(`/admin/surveys/${version.survey}/responses`, 303);
    },
  );
}
