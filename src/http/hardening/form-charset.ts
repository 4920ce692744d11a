import type { FastifyRequest } from 'fastify';

/**
 * Forms are read as UTF-8 (every page says `<meta charset="utf-8">`, so browsers send UTF-8).
 * A form body that declares another charset would be decoded wrongly and stored as mojibake:
 * such a request is refused as an unsupported media type (415) before the body is read, as
 * Fastify does for types. Returns whether the request may go on.
 */
export function hasUtf8Form(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  if (type === undefined || !/^\s*application\/x-www-form-urlencoded\s*;/i.test(type)) {
    return true;
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}
