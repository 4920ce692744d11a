import type { FastifyInstance } from 'fastify';
import {
  acceptsAnswers,
  capOf,
  storedTime,
  guardQuestion,
  submitAnswer,
  usesPaths,
} from '../../domain/index.js';
import { questionDocument, questionPage } from '../../views/index.js';
import { sendNotLive } from '../archived.js';
import { parseQid, type AppContext, type QuestionParams } from '../context.js';
import { csrfToken, requireCsrf } from '../csrf.js';
import { sendErrorPage } from '../errors.js';
import { readProgress, targetUrl, writeProgress } from '../progress.js';
import { flashIn, languageOf, pageLanguage } from '../language.js';
import { sendDocument, sendPage } from '../render.js';
import { completedElsewhere } from '../respondent.js';
import { capField, lostResponse, postPathPage, showPathPage } from './path-flow.js';
import { resyncProgress } from '../resync.js';

/**
 * One question at a time: the seed's guarded question page and the answer POST. Questions
 * come from the version the respondent began on, so editing the file mid-collection never
 * changes a question under someone's feet. Its opening and closing and its cap (SURVEYS.md §8)
 * come from the current file, which is the survey as its owner runs it now: an hour after
 * `closes` both the page and its POST send the browser to the start page, which says why, and
 * nothing is written.
 */
export function questionRoutes(app: FastifyInstance, context: AppContext): void {
  const { surveys, storage, versions, now } = context;
  app.get<{ Params: QuestionParams }>('/surveys/:slug/questions/:qid', async (request, reply) => {
    const current = surveys.get(request.params.slug);
    const qid = parseQid(request.params.qid);
    if (qid === undefined) return sendErrorPage(request, reply, 404);
    if (current === undefined)
      return sendNotLive(context, request, reply, request.params.slug, 302);
    if (current.closes !== undefined && !acceptsAnswers(current, now()))
      return reply.redirect(targetUrl(current.slug, { page: 'start' }), 302);
    const remembered = readProgress(request, current.slug);
    // Awaited only when it is a promise: the version is nearly always known, and an await
    // costs a suspension and a microtask even for a plain value.
    const known = versions.surveyFor(current, remembered);
    const survey = known instanceof Promise ? await known : known;
    if (usesPaths(survey))
      return showPathPage(request, reply, context, survey, qid, request.params.qid);
    const progress = await resyncProgress(request, storage, survey, remembered);
    const guard = guardQuestion(survey, progress, qid, request.params.qid);
    if (guard.kind === 'redirect') {
      if (guard.flash !== undefined)
        request.session.flash(flashIn(languageOf(request, survey), guard.flash), 'error');
      return reply.redirect(targetUrl(survey.slug, guard.to), 302);
    }
    const question = survey.questions[qid];
    if (question === undefined) return sendErrorPage(request, reply, 404);
    const input = {
      survey,
      qid,
      question,
      csrf: csrfToken(request),
      responseId: progress?.responseId ?? 0,
      language: pageLanguage(request, survey),
    };
    return sendDocument(request, reply, (options) => questionDocument(input, options));
  });

  app.post<{ Params: QuestionParams }>(
    '/surveys/:slug/questions/:qid',
    { preHandler: requireCsrf },
    async (request, reply) => {
      const current = surveys.get(request.params.slug);
      const qid = parseQid(request.params.qid);
      if (qid === undefined) return sendErrorPage(request, reply, 404);
      if (current === undefined)
        return sendNotLive(context, request, reply, request.params.slug, 303);
      if (current.closes !== undefined && !acceptsAnswers(current, now()))
        return reply.redirect(targetUrl(current.slug, { page: 'start' }), 303);
      const progress = readProgress(request, current.slug);
      const known = versions.surveyFor(current, progress);
      const survey = known instanceof Promise ? await known : known;
      if (usesPaths(survey))
        return postPathPage(
          request,
          reply,
          { storage, versions, now },
          survey,
          qid,
          capOf(current),
        );
      const outcome = submitAnswer(
        survey,
        progress,
        qid,
        request.body,
        languageOf(request, survey),
      );
      switch (outcome.kind) {
        case 'redirect':
          return reply.redirect(targetUrl(survey.slug, outcome.to), 303);
        case 'invalid': {
          const question = survey.questions[qid];
          if (question === undefined) return sendErrorPage(request, reply, 404);
          const page = questionPage({
            survey,
            qid,
            question,
            csrf: csrfToken(request),
            responseId: progress?.responseId ?? 0,
            errors: outcome.errors,
            values: outcome.values,
            language: pageLanguage(request, survey),
          });
          return sendPage(request, reply, page, 422);
        }
        case 'record': {
          // The last answer of a response begun before this browser completed another one
          // (a replayed cookie, issue 18 item 4) would be a second completion: refused.
          if (
            outcome.completes &&
            (await completedElsewhere(request, { storage, versions }, survey, progress)) !==
              undefined
          )
            return reply.redirect(targetUrl(survey.slug, { page: 'complete' }), 303);
          const stored = await storage.recordAnswer({
            responseId: outcome.progress.responseId,
            survey: survey.slug,
            ...outcome.answer,
            completes: outcome.completes,
            at: storedTime(survey, new Date(now())),
            ...capField(capOf(current)),
          });
          // Every place was taken by the time this response finished (SURVEYS.md §8): it stays
          // partial, and the start page says the survey is full.
          if (stored.kind === 'full')
            return reply.redirect(targetUrl(survey.slug, { page: 'start' }), 303);
          if (stored.kind === 'unknown-response') {
            // The session points at a response the database does not have (e.g. a fresh
            // database behind an old cookie): start over rather than fail.
            return lostResponse(request, reply, survey);
          }
          writeProgress(request, survey.slug, outcome.progress);
          if (stored.kind === 'duplicate') {
            // The second of two identical POSTs racing, or a session that fell behind what is
            // stored: the first answer stands, and the browser goes on from what is stored.
            const synced = await resyncProgress(request, storage, survey, outcome.progress);
            const answered = synced?.answered ?? outcome.progress.answered;
            const to =
              answered >= survey.questions.length
                ? ({ page: 'complete' } as const)
                : ({ page: 'question', qid: answered } as const);
            return reply.redirect(targetUrl(survey.slug, to), 303);
          }
          return reply.redirect(targetUrl(survey.slug, outcome.to), 303);
        }
      }
    },
  );
}
