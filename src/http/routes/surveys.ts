import type { FastifyInstance } from 'fastify';
import {
  beginProgress,
  pathFor,
  storedTime,
  usesPaths,
  canStart,
  decideBegin,
  acceptsAnswers,
  hiddenValues,
  isComplete,
} from '../../domain/index.js';
import {
  endedPage,
  homePage,
  startPage,
  type ClosedNotice,
  type StartState,
} from '../../views/index.js';
import { sendNotLive } from '../archived.js';
import type { AppContext, SlugParams } from '../context.js';
import { csrfToken, requireCsrf } from '../csrf.js';
import { sendErrorPage } from '../errors.js';
import { sendTooManyRequests } from '../hardening/index.js';
import { readProgress, targetUrl, writeProgress } from '../progress.js';
import { sendPage } from '../render.js';
import { completedElsewhere, respondentKey } from '../respondent.js';
import { availabilityAt } from '../window.js';
import { closedMessage, languageOf, pageLanguage } from '../language.js';

/** The list of surveys, each survey's start page, and `begin`. */
export function surveyRoutes(app: FastifyInstance, context: AppContext): void {
  const { surveys, catalogue, storage, versions, limits, now } = context;

  // Read per request: a reload adds and removes surveys. `listed: false` ones are left off.
  app.get('/', (request, reply) =>
    sendPage(request, reply, homePage([...surveys.values()].filter((s) => s.listed))),
  );

  app.get<{ Params: SlugParams }>('/surveys/:slug', async (request, reply) => {
    const current = surveys.get(request.params.slug);
    if (current === undefined) {
      // An archived survey's link still answers, saying it has ended (issue 16).
      const archived = await catalogue.archived(request.params.slug);
      if (archived === undefined) return sendErrorPage(request, reply, 404);
      return sendPage(request, reply, endedPage(archived, pageLanguage(request, archived)));
    }
    // An older cookie of a browser that has completed the survey since still sees it completed.
    const progress =
      readProgress(request, current.slug) ??
      (await completedElsewhere(request, { storage, versions }, current));
    // Someone part-way through sees the survey as they began it (its length, its title).
    const survey = await versions.surveyFor(current, progress);
    let state: StartState = { kind: 'new' };
    if (progress !== undefined) {
      state = isComplete(survey, progress)
        ? { kind: 'completed', canRetake: canStart(survey, progress) }
        : { kind: 'in-progress', answered: progress.answered };
    }
    // Read against the current file, the one `begin` starts on (SURVEYS.md §6).
    const hidden = hiddenValues(current.hidden, request.query);
    // So is whether it is open (§8): a new start is always on the current file.
    const at = now();
    const open = await availabilityAt(storage, current, at);
    const closed: ClosedNotice | undefined =
      open.kind === 'open'
        ? undefined
        : {
            message: closedMessage(current, open, languageOf(request, current)),
            // Someone part-way through may finish within the grace, unless every place is taken.
            canContinue: open.kind !== 'full' && acceptsAnswers(current, at),
          };
    const language = pageLanguage(request, current);
    return sendPage(
      request,
      reply,
      startPage(survey, state, csrfToken(request), hidden, closed, language),
    );
  });

  app.post<{ Params: SlugParams }>(
    '/surveys/:slug/begin',
    { preHandler: requireCsrf },
    async (request, reply) => {
      const survey = surveys.get(request.params.slug);
      const version = versions.current(request.params.slug);
      if (survey === undefined || version === undefined)
        return sendNotLive(context, request, reply, request.params.slug, 303);
      const progress = readProgress(request, survey.slug);
      const decision = decideBegin(await versions.surveyFor(survey, progress), progress);
      if (decision.kind === 'redirect')
        return reply.redirect(targetUrl(survey.slug, decision.to), 303);
      // The session may be an older cookie of a browser that has completed the survey since
      // (issue 18 item 4): the database remembers what the cookie forgot.
      if ((await completedElsewhere(request, { storage, versions }, survey)) !== undefined)
        return reply.redirect(targetUrl(survey.slug, { page: 'complete' }), 303);
      // Not open yet, closed or full (SURVEYS.md §8): the start page says which.
      if ((await availabilityAt(storage, survey, now())).kind !== 'open')
        return reply.redirect(targetUrl(survey.slug, { page: 'start' }), 303);
      // A new response row is what spam creates (issue 18): counted here, and only here.
      const wait = await limits.begin(request);
      if (wait !== undefined) return sendTooManyRequests(request, reply, wait);
      // Each begin is a new response with its id fixed now; earlier responses stay stored.
      // A new attempt always begins on the current version of the file. The form's hidden
      // fields are checked again: it is as much the respondent's to edit as the link.
      const hidden = hiddenValues(survey.hidden, request.body);
      const responseId = await storage.createResponse({
        survey: survey.slug,
        versionId: version.id,
        startedAt: storedTime(survey, new Date(now())),
        respondent: respondentKey(request),
        hidden,
        // The language it begins in (SURVEYS.md §5): the form's, else as any page chooses it.
        ...(survey.languages === undefined ? {} : { lang: languageOf(request, survey).lang }),
      });
      // A survey with paths starts on the first page of its path: a page behind a condition
      // on a hidden field may not be on it.
      const first = usesPaths(survey)
        ? (pathFor(survey, { revision: 0, completed: false, answers: new Map(), hidden })
            .frontier ?? 0)
        : 0;
      writeProgress(request, survey.slug, {
        ...beginProgress(responseId, version.id),
        answered: first,
      });
      return reply.redirect(targetUrl(survey.slug, { page: 'question', qid: first }), 303);
    },
  );
}
