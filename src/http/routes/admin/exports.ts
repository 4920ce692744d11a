import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  encodeExport,
  encodeXlsx,
  XLSX_CONTENT_TYPE,
  type ExportFormat,
} from '../../../domain/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { sendErrorPage } from '../../errors.js';
import { resultsQuerySchema, selectVersion } from './selection.js';

/** What the admin area downloads: the text exports and the spreadsheet. */
type DownloadFormat = ExportFormat | 'xlsx';

const CONTENT_TYPES: Record<DownloadFormat, string> = {
  // RFC 4180 §3 registers text/csv with the optional header parameter.
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  xlsx: XLSX_CONTENT_TYPE,
};

/**
 * `?version=N` as on the results page, and `?bom=1` (CSV only: a UTF-8 byte order mark first,
 * for Excel); any other value of `bom` is a 400, not silently a file without one.
 */
const exportQuerySchema = z.object({
  version: resultsQuerySchema.shape.version,
  bom: z.enum(['0', '1']).optional(),
});

/**
 * Streams the first chunk before replying, so a database that is down gives the 503 page
 * instead of a 200 cut short; after that, `Readable.from` pulls the next chunk only when the
 * socket has drained (backpressure), keeping memory flat however many rows there are. The read
 * API streams its pages the same way.
 */
export async function streamFrom(chunks: AsyncGenerator<string | Buffer>): Promise<Readable> {
  const first = await chunks.next();
  return Readable.from(
    (async function* () {
      if (first.done !== true) yield first.value;
      yield* chunks;
    })(),
  );
}

/**
 * `GET /admin/surveys/:slug/responses.csv|json|xlsx[?version=N]`: one version, every response
 * (`.csv?bom=1`: with a byte order mark).
 */
export function exportRoutes(app: FastifyInstance, context: AppContext): void {
  const send = async (
    format: DownloadFormat,
    request: FastifyRequest<{ Params: SlugParams }>,
    reply: FastifyReply,
  ) => {
    const version = resultsQuerySchema.safeParse(request.query);
    if (!version.success) return sendErrorPage(request, reply, 404);
    const query = exportQuerySchema.safeParse(request.query);
    if (!query.success) return sendErrorPage(request, reply, 400);
    const selected = await selectVersion(context, request.params.slug, query.data.version);
    if (selected === undefined) return sendErrorPage(request, reply, 404);
    const { survey, summary } = selected;
    const rows = context.storage.streamResponses(summary.id);
    const chunks =
      format === 'xlsx'
        ? encodeXlsx(survey, summary.number, rows)
        : encodeExport(format, survey, summary.number, rows, { bom: query.data.bom === '1' });
    const body = await streamFrom(chunks);
    return reply
      .type(CONTENT_TYPES[format])
      .header('cache-control', 'private, no-store')
      .header(
        'content-disposition',
        `attachment; filename="${survey.slug}-v${summary.number}-responses.${format}"`,
      )
      .send(body);
  };
  for (const format of ['csv', 'json', 'xlsx'] as const) {
    app.get<{ Params: SlugParams }>(`/admin/surveys/:slug/responses.${format}`, (request, reply) =>
      send(format, request, reply),
    );
  }
}
