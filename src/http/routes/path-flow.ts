import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  guardPage,
  progressFor,
  pathFor,
  responseView,
  storedTime,
  pipeContext,
  pipedPage,
  submitPage,
  storedFormValues,
  utcToday,
  type FieldErrors,
  type FormFields,
  type PageView,
  type Progress,
  type PathState,
  type ResponseView,
  type Survey,
} from '../../domain/index.js';
import type { SurveyCap } from '../../storage/index.js';
import { pathDocument, pathPage } from '../../views/index.js';
import type { AppContext } from '../context.js';
import { csrfToken } from '../csrf.js';
import { dropProgress, readProgress, targetUrl, writeProgress } from '../progress.js';
import { flashIn, languageOf, pageLanguage, pipeWords } from '../language.js';
import { sendDocument, sendPage } from '../render.js';
import { completedElsewhere } from '../respondent.js';

/**
 * The page flow of a survey that uses paths (SURVEYS.md §4, docs/decisions/0015): every page
 * reads the response's revision and answers, the domain decides (`domain/paths/flow.ts`), and a
 * valid page is one `submitPage` transaction at the revision its form carried.
 */

type Context = Pick<AppContext, 'storage' | 'versions' | 'now'>;

/** The response behind this browser's progress, or undefined (no progress, or it is gone). */
async function loadView(
  request: FastifyRequest,
  reply: FastifyReply,
  { storage }: Context,
  survey: Survey,
  progress: Progress | undefined,
): Promise<{ view: ResponseView | undefined } | { sent: FastifyReply }> {
  if (progress === undefined) return { view: undefined };
  const state = await storage.readResponseState(progress.responseId, survey.slug);
  if (state === undefined) return { sent: lostResponse(request, reply, survey) };
  return { view: responseView(state) };
}

/** The session points at a response the database does not have: start over, and say so. */
export function lostResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  survey: Survey,
): FastifyReply {
  dropProgress(request, survey.slug);
  request.session.flash(languageOf(request, survey).t('lostResponse'), 'error');
  return reply.redirect(targetUrl(survey.slug, { page: 'start' }), 303);
}

/** `{ cap }` for a completing write of a survey with a cap, or nothing (the write as it was). */
export function capField(cap: SurveyCap | undefined): { readonly cap?: SurveyCap } {
  return cap === undefined ? {} : { cap };
}

/** Caches the frontier the database gave in the session, when it moved. */
function remember(request: FastifyRequest, survey: Survey, progress: Progress, next: Progress) {
  if (next.answered !== progress.answered) writeProgress(request, survey.slug, next);
}

interface Shown {
  readonly survey: Survey;
  readonly view: PageView;
  readonly stored: ResponseView;
  readonly state: PathState;
  readonly responseId: number;
  readonly revision: number;
  readonly errors?: FieldErrors;
  readonly values?: FormFields;
}

function pageInput(request: FastifyRequest, shown: Shown) {
  const { survey, view } = shown;
  const m = languageOf(request, survey);
  const words = pipeWords(survey, m);
  const piped = pipedPage(
    survey,
    view,
    pipeContext(survey, shown.stored, shown.state, words),
    m.lang,
  );
  return {
    survey,
    page: piped.page,
    texts: piped.texts,
    position: view.position,
    asked: view.asked,
    csrf: csrfToken(request),
    responseId: shown.responseId,
    revision: shown.revision,
    ...(view.back === undefined
      ? {}
      : { back: targetUrl(survey.slug, { page: 'question', qid: view.back }) }),
    progress: view.progress,
    last: view.last,
    today: utcToday(),
    language: pageLanguage(request, survey),
    ...(shown.errors === undefined ? {} : { errors: shown.errors }),
    ...(shown.values === undefined ? {} : { values: shown.values }),
  };
}

/** `GET /surveys/:slug/questions/:n` of a path survey; `written` is `n` as the URL wrote it. */
export async function showPathPage(
  request: FastifyRequest,
  reply: FastifyReply,
  context: Context,
  survey: Survey,
  n: number,
  written?: string,
): Promise<FastifyReply> {
  const progress = readProgress(request, survey.slug);
  const loaded = await loadView(request, reply, context, survey, progress);
  if ('sent' in loaded) return loaded.sent;
  const { view } = loaded;
  const guard = guardPage(survey, progress, view, n, written);
  if (progress !== undefined && view !== undefined) {
    const state = guard.kind === 'allow' ? guard.state : pathFor(survey, view);
    const cached = view.completed
      ? { ...progress, answered: survey.questions.length }
      : progressFor(survey, progress, state);
    remember(request, survey, progress, cached);
  }
  if (guard.kind === 'redirect') {
    if (guard.flash !== undefined)
      request.session.flash(flashIn(languageOf(request, survey), guard.flash), 'error');
    return reply.redirect(targetUrl(survey.slug, guard.to), 302);
  }
  const stored = view as ResponseView;
  // An earlier page opens filled in; so does the frontier when a changed earlier answer newly
  // asks a question on a page already sent: its other answers are still there (decision 0015).
  const values = guard.view.asked.some((i) => stored.answers.has(i))
    ? storedFormValues(survey, guard.view.asked, stored.answers)
    : undefined;
  const input = pageInput(request, {
    survey,
    view: guard.view,
    stored,
    state: guard.state,
    responseId: progress?.responseId ?? 0,
    revision: stored.revision,
    ...(values === undefined ? {} : { values }),
  });
  return sendDocument(request, reply, (options) => pathDocument(input, options));
}

/**
 * `POST /surveys/:slug/questions/:n` of a path survey; `cap` is the current file's
 * `maxResponses` (SURVEYS.md §8), which a completing page must find a place under.
 */
export async function postPathPage(
  request: FastifyRequest,
  reply: FastifyReply,
  context: Context,
  survey: Survey,
  n: number,
  cap?: SurveyCap,
): Promise<FastifyReply> {
  const progress = readProgress(request, survey.slug);
  const loaded = await loadView(request, reply, context, survey, progress);
  if ('sent' in loaded) return loaded.sent;
  const { view } = loaded;
  const form = (
    typeof request.body === 'object' && request.body !== null ? request.body : {}
  ) as FormFields;
  const outcome = submitPage(
    survey,
    progress,
    view,
    n,
    form,
    utcToday,
    languageOf(request, survey),
  );
  switch (outcome.kind) {
    case 'redirect':
      if (outcome.notice !== undefined)
        request.session.flash(flashIn(languageOf(request, survey), outcome.notice), 'info');
      if (outcome.to.page === 'complete' && progress !== undefined)
        remember(request, survey, progress, { ...progress, answered: survey.questions.length });
      return reply.redirect(targetUrl(survey.slug, outcome.to), 303);
    case 'invalid': {
      const page = pathPage(
        pageInput(request, {
          survey,
          view: outcome.view,
          stored: view as ResponseView,
          state: pathFor(survey, view as ResponseView),
          responseId: progress?.responseId ?? 0,
          revision: view?.revision ?? 0,
          errors: outcome.errors,
          values: outcome.values,
        }),
      );
      return sendPage(request, reply, page, 422);
    }
    case 'record': {
      const current = progress as Progress;
      // The last page of a response begun before this browser completed another one (a
      // replayed cookie, issue 18 item 4) would be a second completion: refused.
      if (
        outcome.completes &&
        (await completedElsewhere(request, context, survey, current)) !== undefined
      )
        return reply.redirect(targetUrl(survey.slug, { page: 'complete' }), 303);
      const stored = await context.storage.submitPage({
        responseId: current.responseId,
        survey: survey.slug,
        revision: outcome.revision,
        remove: outcome.remove,
        answers: outcome.answers,
        frontier: outcome.frontier ?? null,
        completes: outcome.completes,
        at: storedTime(survey, new Date(context.now())),
        ...capField(cap),
      });
      if (stored.kind === 'unknown-response') return lostResponse(request, reply, survey);
      // Every place was taken by the time this response finished: it stays partial, and the
      // start page says the survey is full.
      if (stored.kind === 'full')
        return reply.redirect(targetUrl(survey.slug, { page: 'start' }), 303);
      if (stored.kind === 'stale') {
        // Another request of this response got there first (a double click, a second tab):
        // this one wrote nothing; the next GET puts the browser on the real frontier.
        request.session.flash(languageOf(request, survey).t('staleForm'), 'info');
        const again = await context.storage.readResponseState(current.responseId, survey.slug);
        const frontier =
          again === undefined || again.completedAt !== null
            ? undefined
            : pathFor(survey, responseView(again)).frontier;
        return reply.redirect(
          targetUrl(
            survey.slug,
            frontier === undefined ? { page: 'complete' } : { page: 'question', qid: frontier },
          ),
          303,
        );
      }
      remember(request, survey, current, outcome.progress);
      return reply.redirect(targetUrl(survey.slug, outcome.to), 303);
    }
  }
}
