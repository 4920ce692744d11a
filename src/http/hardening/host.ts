import type { FastifyRequest } from 'fastify';

/** How many `Host` field lines the request carried (Node keeps only the first in `headers`). */
function hostLines(request: FastifyRequest): number {
  const raw = request.raw.rawHeaders;
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && name.toLowerCase() === 'host') count++;
  }
  return count;
}

/**
 * RFC 9112 §3.2: an HTTP/1.1 request without a `Host`, or with more than one, is a 400 (two
 * hosts are a classic cache-poisoning and routing-confusion trick). Node checks only the
 * missing case, and with an empty body, so the app turns its check off
 * (`requireHostHeader: false`) and does both here. Returns whether the request may go on.
 */
export function hasOneHost(request: FastifyRequest): boolean {
  const lines = hostLines(request);
  return lines === 1 || (lines === 0 && request.raw.httpVersion !== '1.1');
}
