import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';
import { sendErrorPage } from './errors.js';
import { targetUrl } from './progress.js';

/**
 * The answer to a respondent's request for a survey that is not live. An archived survey
 * (its file removed, issue 16) has ended for everyone, respondents part-way through included:
 * they go to its start page, which says so (`code` 302 after a GET, 303 after a POST), and
 * their answers so far stay stored as a partial response. Any other slug is a 404.
 */
export async function sendNotLive(
  { catalogue }: Pick<AppContext, 'catalogue'>,
  request: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  code: 302 | 303,
): Promise<FastifyReply> {
  if ((await catalogue.archived(slug)) === undefined) return sendErrorPage(request, reply, 404);
  return reply.redirect(targetUrl(slug, { page: 'start' }), code);
}
