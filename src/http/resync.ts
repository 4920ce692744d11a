import type { FastifyRequest } from 'fastify';
import { pathFor, responseView, usesPaths, type Progress, type Survey } from '../domain/index.js';
import type { Storage } from '../storage/index.js';
import { writeProgress } from './progress.js';

/**
 * Progress as the database knows it. A cookie session can fall behind what is stored: the
 * response that carried the new cookie was lost on a flaky network after the answer was
 * recorded, or an older cookie came back (a restored backup, a replayed request). The cookie
 * then points at a question that already has its answer, and an answer given there would be
 * refused as a duplicate without a word. Reading the count of stored answers puts the browser
 * on its real current question instead (issue 5, found by test/properties). Answers are stored
 * in order, one per question, so the count is the next question's index. Without a count to
 * make (no progress, or every question answered) the progress comes back as it is, not as a
 * promise: an async function would cost each such request a suspension.
 */
export function resyncProgress(
  request: FastifyRequest,
  storage: Storage,
  survey: Survey,
  progress: Progress | undefined,
): Promise<Progress | undefined> | Progress | undefined {
  if (progress === undefined || progress.answered >= survey.questions.length) return progress;
  return storage.countAnswers(progress.responseId, survey.slug).then((stored) => {
    if (stored === undefined) return progress;
    const answered = Math.min(stored, survey.questions.length);
    if (answered <= progress.answered) return progress;
    const synced = { ...progress, answered };
    writeProgress(request, survey.slug, synced);
    return synced;
  });
}

/**
 * Where a response stands as the database knows it: the frontier's page number, `complete`, or
 * undefined when there is no such response. A classic survey's frontier is its count of answers
 * (they come in order); a survey with paths reads its answers and computes its path.
 */
export async function storedFrontier(
  storage: Storage,
  survey: Survey,
  responseId: number,
): Promise<number | 'complete' | undefined> {
  if (!usesPaths(survey)) {
    const stored = await storage.countAnswers(responseId, survey.slug);
    if (stored === undefined) return undefined;
    return stored >= survey.questions.length ? 'complete' : stored;
  }
  const state = await storage.readResponseState(responseId, survey.slug);
  if (state === undefined) return undefined;
  if (state.completedAt !== null) return 'complete';
  return pathFor(survey, responseView(state)).frontier ?? 'complete';
}
