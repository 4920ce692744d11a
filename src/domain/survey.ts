import { z } from 'zod';
import { questionsSurveySchema, type Question, type QuestionsSurvey } from './questions/index.js';

/**
 * The survey file format (`SLUG.yaml`, `SLUG.yml` or `SLUG.json`): format 2's `questions:`
 * file (SURVEYS.md §0–§2, `questions/survey-schema.ts`), of which every format-1 file is a
 * valid file with the same meaning. The TypeScript types below are derived from it.
 */
export const surveyFileSchema = questionsSurveySchema;

/** A slug names a survey in URLs and file names. */
export const slugSchema = z.string().regex(/^[a-z0-9-]+$/);

export type SurveyDefinition = QuestionsSurvey;
export type { Question };

/** A validated survey, named by the slug its file name gave it. */
export interface Survey extends SurveyDefinition {
  readonly slug: string;
}

export { MAX_COMMENT_LENGTH } from './questions/form.js';
