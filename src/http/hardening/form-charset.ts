import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendErrorPage } from '../errors.js';

/**
 * Forms are read as UTF-8 (every page says `<meta charset="utf-8">`, so browsers send UTF-8).
 * A form body that declares another charset would be decoded wrongly and stored as mojibake:
 * refuse it as an unsupported media type before the body is read, as Fastify does for types.
 */
export async function requireUtf8Form(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const type = request.headers['content-type'];
  if (type === undefined || !/^\s*application\/x-www-form-urlencoded\s*;/i.test(type)) {
    return undefined;
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1];
  if (charset === undefined || /^utf-?8$/i.test(charset)) return undefined;
  return sendErrorPage(request, reply, 415);
}
