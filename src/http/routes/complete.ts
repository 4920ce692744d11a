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
  type PathState,
  type PipeContext,
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
    const read = reading(survey, response, m);
    return sendPage(
      request,
      reply,
      completePage(
        survey,
        answerSummaries(survey, response, m, read),
        closingText(survey, read),
        language,
      ),
    );
  });
}

/** A response as the page reads it: its path, and the survey's texts as its respondent saw them. */
interface Reading {
  /** The response's path, worked out on first use; undefined without a response. */
  path(): PathState | undefined;
  /**
   * A text of the survey in the page's language with its pipes filled in from the response's
   * answers on its path and its hidden fields (SURVEYS.md §5–§6), as the question pages
   * showed it. A format-1 survey's texts mean what they always meant, braces and all.
   */
  text(text: string): string;
}

function reading(survey: Survey, response: StoredResponse | undefined, m: Messages): Reading {
  const local = (text: string) => survey.languages?.text(text, m.lang) ?? text;
  if (response === undefined) return { path: () => undefined, text: local };
  const view = responseView(response);
  let state: PathState | undefined;
  let context: PipeContext | undefined;
  const path = () => (state ??= pathFor(survey, view));
  if (isFormat1(survey)) return { path, text: local };
  return {
    path,
    text(text) {
      const shown = local(text);
      // The path and the answers' texts are worked out only for a text that pipes something.
      if (!shown.includes('{{')) return shown;
      context ??= pipeContext(survey, view, path(), pipeWords(survey, m));
      return pipe(shown, context);
    },
  };
}

/** The respondent's answers as the page lists them: texts people saw, statements left out. */
function answerSummaries(
  survey: Survey,
  response: StoredResponse | undefined,
  m: Messages,
  read: Reading,
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
      : [
          {
            question: stored.question,
            text: read.text(own.text),
            answer: text,
            comment: answer.comment,
          },
        ];
  });
}

/**
 * The completion text (SURVEYS.md §6): the `endText` of the question whose `endIf` ended the
 * survey, else `thankYou`, with pipes filled in from the response; undefined: the built-in text.
 */
function closingText(survey: Survey, read: Reading): string | undefined {
  const hasEnding = survey.questions.some((q) => q.endText !== undefined);
  if (survey.thankYou === undefined && !hasEnding) return undefined;
  const state = read.path();
  if (state === undefined) return undefined;
  const ending =
    state.endedBy === undefined ? undefined : questionsById(survey).get(state.endedBy)?.endText;
  const written = ending ?? survey.thankYou;
  return written === undefined ? undefined : read.text(written);
}
