import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Progress, Survey } from '../domain/index.js';
import type { AppContext } from './context.js';
import { CSRF_SESSION_KEY, csrfToken } from './csrf.js';
import { writeProgress } from './progress.js';

/**
 * Which browser is answering, so a completed `allowRetake: false` survey stays completed for
 * it even when it replays an older cookie (issue 18 item 4: one client stuffed such a survey
 * with 119 completed responses a minute by putting back a cookie saved before `begin`).
 *
 * The key is derived from the session's CSRF token: the first random value a session holds,
 * minted by the first form it is shown (the start page), and required by every POST. So every
 * cookie of a browser that can `begin` or answer — one saved before its first `begin`
 * included — carries the same key, and costs no byte of cookie. The database keeps a hash of
 * it (responses.respondent), never the token. What is left: a browser that throws its cookie
 * away and fetches a new start page is a new browser; only the per-client `begin` limit
 * bounds that (docs/security.md).
 */
export function respondentKey(request: FastifyRequest): string {
  return keyOf(csrfToken(request));
}

function keyOf(token: string): string {
  return createHash('sha256')
    .update('canvass respondent\u0000')
    .update(token)
    .digest('base64url')
    .slice(0, 22);
}

/**
 * The progress of this browser's completed response of `survey`, when the survey does not
 * allow a retake and this browser has completed it (any version); undefined otherwise. Writes
 * it into the session, so the start page says "completed" and the completion page lists the
 * answers of that response.
 */
export async function completedElsewhere(
  request: FastifyRequest,
  { storage, versions }: Pick<AppContext, 'storage' | 'versions'>,
  survey: Survey,
  current?: Progress,
): Promise<Progress | undefined> {
  if (survey.allowRetake) return undefined;
  // A session that was never shown a form has no token yet, so it never began anything.
  const token = request.session.peek(CSRF_SESSION_KEY);
  if (typeof token !== 'string') return undefined;
  const found = await storage.findCompletion(survey.slug, keyOf(token));
  if (found === undefined || found.responseId === current?.responseId) return undefined;
  const base = found.versionId === null ? {} : { versionId: found.versionId };
  const begun = { responseId: found.responseId, answered: 0, ...base };
  const version = await versions.surveyFor(survey, begun);
  const progress: Progress = { ...begun, answered: version.questions.length };
  writeProgress(request, survey.slug, progress);
  return progress;
}
