/**
 * Format 1 as it was before survey format 2 (SURVEYS.md §0), frozen: the schema, the canonical
 * definition and the answer check of the code that served it. Compatibility tests compare the
 * current code with this oracle; named `.test.ts` so the build leaves it out.
 */
import { z } from 'zod';

const text = (max: number) => z.string().max(max).regex(/\S/, { message: 'must not be blank' });

const questionSchema = z.strictObject({
  text: text(1_000),
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

export const format1Schema = z.strictObject({
  title: text(200),
  instructions: z.string().max(5_000).default(''),
  allowRetake: z.boolean().default(false),
  questions: z.array(questionSchema).min(1).max(1_000),
});

export type Format1Survey = z.output<typeof format1Schema>;

/** The canonical JSON text format 1 hashed. */
export function format1Canonical(survey: Format1Survey): string {
  return JSON.stringify({
    title: survey.title,
    instructions: survey.instructions,
    allowRetake: survey.allowRetake,
    questions: survey.questions.map((q) => ({
      text: q.text,
      choices: [...q.choices],
      allowText: q.allowText,
    })),
  });
}

const countCharacters = (value: string) => Array.from(value).length;
const formatCount = (n: number) => n.toLocaleString('en-US');

/** Format 1's check of one posted answer: the errors, or the record it stored. */
export function format1Answer(
  question: Format1Survey['questions'][number],
  body: Record<string, unknown>,
):
  | { kind: 'invalid'; errors: { answer?: string; comment?: string } }
  | { kind: 'record'; answer: string; comment: string | null } {
  const field = z.union([z.string(), z.array(z.string())]).optional();
  const form = z.looseObject({ answer: field, comment: field }).safeParse(body);
  const answer = form.success ? form.data.answer : undefined;
  const comment = form.success ? form.data.comment : undefined;
  const errors: { answer?: string; comment?: string } = {};
  if (answer === undefined || answer === '') errors.answer = 'Please choose an answer.';
  else if (typeof answer !== 'string') errors.answer = 'Please choose exactly one answer.';
  else if (!question.choices.includes(answer))
    errors.answer = 'Please choose one of the listed answers.';
  if (question.allowText) {
    if (Array.isArray(comment)) errors.comment = 'Please send one comment.';
    else if (comment !== undefined && countCharacters(comment) > 2_000) {
      errors.comment = `Your comment is too long: ${formatCount(countCharacters(comment))} characters, at most ${formatCount(2_000)}.`;
    } else if (comment?.includes('\u0000') === true) {
      errors.comment = 'Your comment contains a character that cannot be stored (NUL).';
    }
  }
  if (errors.answer !== undefined || errors.comment !== undefined || typeof answer !== 'string') {
    return { kind: 'invalid', errors };
  }
  return {
    kind: 'record',
    answer,
    comment: question.allowText && typeof comment === 'string' && comment !== '' ? comment : null,
  };
}
