import { z } from 'zod';
import { pipeRefs } from './paths/pipe.js';
import {
  isFormat1,
  questionsSurveySchema,
  type Question,
  type QuestionsSurvey,
  type SurveyPage,
} from './questions/index.js';

/**
 * The survey file format (`SLUG.yaml`, `SLUG.yml` or `SLUG.json`): format 2's `questions:` or
 * `pages:` file (SURVEYS.md §0–§3, `questions/survey-schema.ts`), of which every format-1 file
 * is a valid file with the same meaning. The TypeScript types below are derived from it.
 */
export const surveyFileSchema = questionsSurveySchema;

/** A slug names a survey in URLs and file names. */
export const slugSchema = z.string().regex(/^[a-z0-9-]+$/);

/**
 * A parsed definition: `questions` is every question in file order (its index is the stored
 * question index), `pages` the respondent's pages over it (one a question in a `questions:`
 * file), `layout` which of the two the file used.
 */
export type SurveyDefinition = QuestionsSurvey;
export type { Question, SurveyPage };

/** A validated survey, named by the slug its file name gave it. */
export interface Survey extends SurveyDefinition {
  readonly slug: string;
}

/**
 * True when the survey's flow is more than "one question a page, in order" (SURVEYS.md §3–§4):
 * a `pages:` file, any `showIf` or `endIf` (on a question or a page), `allowBack: true`, or
 * a question text or help that pipes an answer in, in any language (§6; not in a format-1 file,
 * whose texts mean what they always meant).
 * A survey without any keeps the classic flow byte for byte.
 */
export function usesPaths(survey: SurveyDefinition): boolean {
  let uses = pathSurveys.get(survey);
  if (uses === undefined) {
    uses =
      survey.layout === 'pages' ||
      survey.allowBack ||
      survey.pages.some((page) => page.showIf !== undefined) ||
      survey.questions.some(
        (q) =>
          q.showIf !== undefined ||
          q.endIf !== undefined ||
          (!isFormat1(survey) &&
            (hasPipe(survey, q.text) || ('help' in q && hasPipe(survey, q.help)))),
      );
    pathSurveys.set(survey, uses);
  }
  return uses;
}

/** Computed once per parsed survey: the flow asks on every request. */
const pathSurveys = new WeakMap<SurveyDefinition, boolean>();

/**
 * True when a text pipes an answer or a hidden field in (SURVEYS.md §6) in any of the survey's
 * languages (§5): a translation may pipe what the first language's text does not.
 */
function hasPipe(survey: SurveyDefinition, text: string | undefined): boolean {
  if (text === undefined) return false;
  const texts = [text, ...Object.values(survey.languages?.translations.get(text) ?? {})];
  return texts.some((each) => pipeRefs(each).some((ref) => ref.kind !== 'malformed'));
}

export { MAX_COMMENT_LENGTH } from './questions/form.js';
