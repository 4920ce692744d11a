import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendErrorPage } from '../errors.js';

/** How many `Host` field lines the request carried (Node keeps only the first in `headers`). */
function hostLines(request: FastifyRequest): number {
  const raw = request.raw.rawHeaders;
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'host') count++;
  return count;
}

/**
 * RFC 9112 §3.2: an HTTP/1.1 request without a `Host`, or with more than one, is a 400 (two
 * hosts are a classic cache-poisoning and routing-confusion trick). Node checks only the
 * missing case, and with an empty body, so the app turns its check off
 * (`requireHostHeader: false`) and does both here, answering with the error page.
 */
export async function requireHost(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const lines = hostLines(request);
  if (lines === 1 || (lines === 0 && request.raw.httpVersion !== '1.1')) return undefined;
  return sendErrorPage(request, reply, 400);
}
