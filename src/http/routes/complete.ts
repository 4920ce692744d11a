import type { FastifyInstance } from 'fastify';
import {
  answerText,
  fromStoredValues,
  inLanguage,
  guardComplete,
  isFormat1,
  pathFor,
  pipe,
  pipeContext,
  questionsById,
  responseView,
  type Survey,
} from '../../domain/index.js';
import type { StoredResponse } from '../../storage/index.js';
import type { AnswerSummary } from '../../views/index.js';
import { completePage } from '../../views/index.js';
import { sendNotLive } from '../archived.js';
import type { AppContext, SlugParams } from '../context.js';
import { readProgress, targetUrl } from '../progress.js';
import type { Messages } from '../../i18n/index.js';
import { pageLanguage, pipeWords } from '../language.js';
import { sendPage } from '../render.js';

/** The thank-you page, listing the respondent's own answers from the database. */
export function completeRoutes(app: FastifyInstance, context: AppContext): void {
  const { surveys, storage, versions } = context;
  app.get<{ Params: SlugParams }>('/surveys/:slug/complete', async (request, reply) => {
    const current = surveys.get(request.params.slug);
    if (current === undefined)
      return sendNotLive(context, request, reply, request.params.slug, 302);
    const progress = readProgress(request, current.slug);
    // The answers are listed against the questions of the version they were given to.
    const survey = await versions.surveyFor(current, progress);
    const guard = guardComplete(survey, progress);
    if (guard.kind === 'redirect' || progress === undefined) {
      return reply.redirect(
        targetUrl(survey.slug, guard.kind === 'redirect' ? guard.to : { page: 'start' }),
        302,
      );
    }
    const response = await storage.getResponse(progress.responseId);
    const language = pageLanguage(request, current);
    const m = language.messages;
    return sendPage(
      request,
      reply,
      completePage(
        survey,
        answerSummaries(survey, response, m),
        closingText(survey, response, m),
        language,
      ),
    );
  });
}

/** The respondent's answers as the page lists them: texts people saw, statements left out. */
function answerSummaries(
  survey: Survey,
  response: StoredResponse | undefined,
  m: Messages,
): AnswerSummary[] {
  return (response?.answers ?? []).flatMap((stored) => {
    const own = survey.questions[stored.question];
    if (own === undefined) return [];
    // Stored as ids; shown in the page's language, a yes/no answer too (SURVEYS.md §5).
    const question = inLanguage(own, survey.languages, m.lang);
    const answer = fromStoredValues(question, stored);
    const text =
      question.type === 'yesno' && (answer.value === 'yes' || answer.value === 'no')
        ? m.t(answer.value)
        : answerText(question, answer);
    return text === undefined
      ? []
      : [{ question: stored.question, answer: text, comment: answer.comment }];
  });
}

/**
 * The completion text (SURVEYS.md §6): the `endText` of the question whose `endIf` ended the
 * survey, else `thankYou`, with pipes filled in from the response; undefined: the built-in text.
 */
function closingText(
  survey: Survey,
  response: StoredResponse | undefined,
  m: Messages,
): string | undefined {
  const hasEnding = survey.questions.some((q) => q.endText !== undefined);
  if (response === undefined || (survey.thankYou === undefined && !hasEnding)) return undefined;
  const view = responseView(response);
  const state = pathFor(survey, view);
  const ending =
    state.endedBy === undefined ? undefined : questionsById(survey).get(state.endedBy)?.endText;
  const written = ending ?? survey.thankYou;
  const text =
    written === undefined ? undefined : (survey.languages?.text(written, m.lang) ?? written);
  return text === undefined || isFormat1(survey)
    ? text
    : pipe(text, pipeContext(survey, view, state, pipeWords(survey, m)));
}
