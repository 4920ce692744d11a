import { messages } from '../../i18n/index.js';
import { errorLanguage, languageOf } from '../language.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Progress } from '../../domain/index.js';
import { errorPage, qrCodeSvg, resumeLinkPage } from '../../views/index.js';
import { sendNotLive } from '../archived.js';
import type { AppContext, SlugParams } from '../context.js';
import { requireCsrf } from '../csrf.js';
import { sendErrorPage } from '../errors.js';
import { sendTooManyRequests } from '../hardening/index.js';
import { dropProgress, readProgress, targetUrl, writeProgress } from '../progress.js';
import { storedFrontier } from '../resync.js';
import { sendPage } from '../render.js';
import { absoluteUrl, hashResumeToken, isResumeToken, newResumeToken } from '../resume-links.js';

export interface ResumeOptions {
  /** `SESSION_MAX_AGE`, in seconds: how long a link is honoured, as long as a session lives. */
  readonly lifetime: number;
  /** The clock of link expiry, in milliseconds (`Date.now`); tests inject one. */
  readonly now: () => number;
}

interface TokenParams extends SlugParams {
  token: string;
}

/**
 * "Continue on another device" (SURVEYS.md §7): this browser asks for a link to its response,
 * and the browser that opens it takes that response's progress into its own session. Both may
 * then answer; the duplicate check (one row per response and question) keeps their writes
 * apart, and each goes on from what is stored.
 */
export function resumeRoutes(
  app: FastifyInstance,
  context: AppContext,
  { lifetime, now }: ResumeOptions,
): void {
  const { surveys, storage, versions, limits } = context;
  app.post<{ Params: SlugParams }>(
    '/surveys/:slug/resume-link',
    { preHandler: requireCsrf },
    async (request, reply) => {
      const current = surveys.get(request.params.slug);
      if (current === undefined)
        return sendNotLive(context, request, reply, request.params.slug, 303);
      const slug = current.slug;
      const remembered = readProgress(request, slug);
      const survey = await versions.surveyFor(current, remembered);
      if (!survey.allowResume) return sendErrorPage(request, reply, 404);
      if (remembered === undefined) return reply.redirect(targetUrl(slug, { page: 'start' }), 303);
      // The database wins: another browser may have answered, or completed, since.
      const frontier = await storedFrontier(storage, survey, remembered.responseId);
      if (frontier === undefined) {
        dropProgress(request, slug);
        return reply.redirect(targetUrl(slug, { page: 'start' }), 303);
      }
      if (frontier === 'complete')
        return reply.redirect(targetUrl(slug, { page: 'complete' }), 303);
      const progress = { ...remembered, answered: frontier };
      // Each link is a stored row: a session may not make them in a loop.
      const wait = await limits.resumeLink.take(request);
      if (wait !== undefined) return sendTooManyRequests(request, reply, wait);
      const { token, hash } = newResumeToken();
      const createdAt = new Date(now());
      const expiresAt = new Date(createdAt.getTime() + lifetime * 1000);
      await storage.createResumeToken({
        hash,
        responseId: progress.responseId,
        expiresAt,
        createdAt,
      });
      const url = absoluteUrl(request, `/surveys/${slug}/resume/${token}`);
      // In the respondent's language like the page it was asked from, without a switcher: its
      // links would be GETs of an address that only answers this POST.
      const language = { messages: languageOf(request, survey) };
      const qrCode = await qrCodeSvg(url, language.messages.t('qrAlt'));
      const backHref = targetUrl(slug, { page: 'question', qid: progress.answered });
      return sendPage(
        request,
        reply,
        resumeLinkPage({ survey, url, qrCode, expiresAt, backHref, language }),
      );
    },
  );

  app.get<{ Params: TokenParams }>('/surveys/:slug/resume/:token', async (request, reply) => {
    const current = surveys.get(request.params.slug);
    if (current === undefined)
      return sendNotLive(context, request, reply, request.params.slug, 302);
    const slug = current.slug;
    // Counted before anything is looked up, malformed tokens included: guessing is what it stops.
    const wait = await limits.resumeLookup.take(request);
    if (wait !== undefined) return sendTooManyRequests(request, reply, wait);
    const { token } = request.params;
    const found = isResumeToken(token)
      ? await storage.findResumeToken(hashResumeToken(token), slug, new Date(now()))
      : undefined;
    if (found === undefined || found.completed) return sendInvalidLink(request, reply);
    const begun: Progress =
      found.versionId === null
        ? { responseId: found.responseId, answered: 0 }
        : { responseId: found.responseId, answered: 0, versionId: found.versionId };
    const survey = await versions.surveyFor(current, begun);
    const frontier = await storedFrontier(storage, survey, found.responseId);
    if (!survey.allowResume || frontier === undefined) return sendInvalidLink(request, reply);
    const answered = frontier === 'complete' ? survey.questions.length : frontier;
    writeProgress(request, slug, { ...begun, answered });
    const to =
      frontier === 'complete'
        ? ({ page: 'complete' } as const)
        : ({ page: 'question', qid: frontier } as const);
    return reply.redirect(targetUrl(slug, to), 303);
  });
}

/** The 404 of a resume link that opens nothing: said plainly, with what to do instead. */
function sendInvalidLink(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const language = errorLanguage(request);
  const m = language?.messages ?? messages('en');
  const page = errorPage(404, m.t('resumeInvalidHeading'), m.t('resumeInvalidDetail'), language);
  return sendPage(request, reply, page, 404);
}
