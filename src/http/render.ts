import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderDocument, stylesheet, type DocumentOptions, type Page } from '../views/index.js';

/**
 * Renders `page` in the layout with the session's flash messages (shown on the next HTML page
 * that renders, whatever it is, exactly once) and sends it.
 */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page,
  status = 200,
): FastifyReply {
  return sendDocument(request, reply, (options) => renderDocument(page, options), status);
}

/**
 * Sends the document `render` makes with the layout's options (flash messages included), as
 * text or as its UTF-8 bytes.
 */
export function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  render: (options: DocumentOptions) => string | Buffer,
  status = 200,
): FastifyReply {
  // The session is missing only when the request failed before it was loaded.
  const notices = (request as Partial<FastifyRequest>).session?.consumeFlashes() ?? [];
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .send(render({ notices, stylesheet: stylesheet.path }));
}
