import { z } from 'zod';

/** Text that is not blank; kept exactly as written (answers must match choices byte for byte). */
const text = (max: number) => z.string().max(max).regex(/\S/, { message: 'must not be blank' });

const questionSchema = z.strictObject({
  text: text(1_000),
  /** The classic flask-survey default: a yes/no question. */
  choices: z
    .array(text(500))
    .min(1)
    .max(50)
    .default(['Yes', 'No'])
    .refine((choices) => new Set(choices).size === choices.length, {
      message: 'choices must be unique (an answer is matched by its exact text)',
    }),
  allowText: z.boolean().default(false),
});

/**
 * The survey file format (`SLUG.yaml`, `SLUG.yml` or `SLUG.json`): the single source of truth
 * for what a survey file may contain. The TypeScript types below are derived from it.
 */
export const surveyFileSchema = z.strictObject({
  title: text(200),
  instructions: z.string().max(5_000).default(''),
  allowRetake: z.boolean().default(false),
  questions: z.array(questionSchema).min(1).max(1_000),
});

/** A slug names a survey in URLs and file names. */
export const slugSchema = z.string().regex(/^[a-z0-9-]+$/);

export type SurveyDefinition = z.output<typeof surveyFileSchema>;
export type Question = SurveyDefinition['questions'][number];

/** A validated survey, named by the slug its file name gave it. */
export interface Survey extends SurveyDefinition {
  readonly slug: string;
}

/** The most characters a respondent's comment may have. */
export const MAX_COMMENT_LENGTH = 2_000;
