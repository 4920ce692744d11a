import type { FastifyRequest } from 'fastify';

/**
 * Whether the request declares (`Content-Length`) a body over `limit` bytes. PRODUCT.md checks a
 * POST's size before anything else, so such a body is a 413 whatever its type, before the 415
 * of a type Canvass does not read. A chunked body declares no length: Fastify's `bodyLimit`
 * stops it as it is read.
 */
export function declaresTooLarge(request: FastifyRequest, limit: number): boolean {
  const length = request.headers['content-length'];
  return length !== undefined && /^[0-9]+$/.test(length) && Number(length) > limit;
}
