import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodeExport, type ExportFormat } from '../../../domain/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { sendErrorPage } from '../../errors.js';
import { resultsQuerySchema, selectVersion } from './selection.js';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  // RFC 4180 §3 registers text/csv with the optional header parameter.
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

/**
 * Streams the first chunk before replying, so a database that is down gives the 503 page
 * instead of a 200 cut short; after that, `Readable.from` pulls the next chunk only when the
 * socket has drained (backpressure), keeping memory flat however many rows there are.
 */
async function streamFrom(chunks: AsyncGenerator<string>): Promise<Readable> {
  const first = await chunks.next();
  return Readable.from(
    (async function* () {
      if (first.done !== true) yield first.value;
      yield* chunks;
    })(),
  );
}

/** `GET /admin/surveys/:slug/responses.csv|json[?version=N]`: one version, every response. */
export function exportRoutes(app: FastifyInstance, context: AppContext): void {
  const send = async (
    format: ExportFormat,
    request: FastifyRequest<{ Params: SlugParams }>,
    reply: FastifyReply,
  ) => {
    const query = resultsQuerySchema.safeParse(request.query);
    if (!query.success) return sendErrorPage(request, reply, 404);
    const selected = await selectVersion(context, request.params.slug, query.data.version);
    if (selected === undefined) return sendErrorPage(request, reply, 404);
    const { survey, summary } = selected;
    const rows = context.storage.streamResponses(summary.id);
    const body = await streamFrom(encodeExport(format, survey, summary.number, rows));
    return reply
      .type(CONTENT_TYPES[format])
      .header('cache-control', 'private, no-store')
      .header(
        'content-disposition',
        `attachment; filename="${survey.slug}-v${summary.number}-responses.${format}"`,
      )
      .send(body);
  };
  app.get<{ Params: SlugParams }>('/admin/surveys/:slug/responses.csv', (request, reply) =>
    send('csv', request, reply),
  );
  app.get<{ Params: SlugParams }>('/admin/surveys/:slug/responses.json', (request, reply) =>
    send('json', request, reply),
  );
}
