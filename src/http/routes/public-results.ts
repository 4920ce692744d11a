import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorPage } from '../../views/index.js';
import type { AppContext } from '../context.js';
import { sendTooManyRequests } from '../hardening/index.js';
import { sendPage } from '../render.js';
import { hashResumeToken, isResumeToken } from '../resume-links.js';
import { sendResults } from './admin/results.js';

interface TokenParams {
  token: string;
}

/**
 * `GET /results/:token` (issue 17 item 6): a survey's results for whoever holds a public link,
 * drawn by the admin page's own code (`sendResults`), read-only, with free text only when the
 * link includes it. An archived survey's link keeps working: its latest stored version.
 */
export function publicResultRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: TokenParams }>('/results/:token', async (request, reply) => {
    // A link is not for search engines, whatever its answer.
    reply.header('x-robots-tag', 'noindex, nofollow');
    // Counted before anything is looked up, malformed tokens included: guessing is what it stops.
    const wait = await context.limits.publicResults.take(request);
    if (wait !== undefined) return sendTooManyRequests(request, reply, wait);
    const { token } = request.params;
    const link = isResumeToken(token)
      ? await context.storage.findPublicLink(hashResumeToken(token), new Date(context.now()))
      : undefined;
    if (link === undefined) return sendInvalidLink(request, reply);
    return sendResults(context, request, reply, link.survey, `/results/${token}`, {
      kind: 'public',
      texts: link.texts,
    });
  });
}

/** The 404 of a results link that opens nothing: said plainly, with what to do instead. */
function sendInvalidLink(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const page = errorPage(
    404,
    'This results link is not valid',
    'It may have expired, been revoked by the survey’s owner, or been copied only in part. Ask the owner for a new link.',
  );
  return sendPage(request, reply, { ...page, noindex: true }, 404);
}
