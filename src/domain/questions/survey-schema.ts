/**
 * The format-2 survey file with `questions:` (SURVEYS.md §0–§2). Every format-1 file is a
 * valid file here with the same meaning: a question without `type` is a `choice` question
 * whose `choices` default to `[Yes, No]`, `allowText` adds the comment, every question is
 * required. Questions without `id` get `q1`, `q2`… by position (1-based), so ids are stable
 * as long as questions are not moved; ids written in the file are stable for good.
 */
import { z } from 'zod';
import { canonicalQuestion, canonicalValue } from './canonical.js';
import { alwaysWritten, canonicalRules } from './canonical-meta.js';
import { nonBlank, required, strict } from './common.js';
import { isKind, kindNames, kinds, type Question } from './registry.js';
import { suggest } from './suggest.js';

/** The id a question gets from its position when the file gives none. */
export const positionalId = (index: number) => `q${index + 1}`;

type Issues = z.core.$RefinementCtx['issues'];

function typeProblem(type: unknown): string {
  if (typeof type !== 'string') return `type must be one of ${kindNames.join(', ')}`;
  const near = suggest(type, kindNames);
  return near === undefined
    ? `unknown type "${type}" — it must be one of ${kindNames.join(', ')}`
    : `unknown type "${type}" — did you mean "${near}"?`;
}

/** Validates one question against its kind's schema; issues get the question's index in front. */
function parseQuestion(input: unknown, index: number, issues: Issues): Question | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({
      code: 'custom',
      path: [index],
      input,
      message: 'a question must be a mapping with at least text',
    });
    return undefined;
  }
  const fields = input as Record<string, unknown>;
  const type = fields.type ?? 'choice';
  if (typeof type !== 'string' || !isKind(type)) {
    issues.push({ code: 'custom', path: [index, 'type'], input: type, message: typeProblem(type) });
    return undefined;
  }
  const withId = fields.id === undefined ? { ...fields, id: positionalId(index) } : fields;
  const parsed = kinds[type].schema.safeParse(withId);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    issues.push({ ...issue, path: [index, ...issue.path] } as Issues[number]);
  }
  return undefined;
}

/** The questions list: each entry by its kind, then ids checked to be unique. */
const questionList = z
  .array(z.unknown(), { error: required('questions', 'questions must be a list') })
  .min(1, { error: 'questions must have at least one question' })
  .max(1_000, { error: 'questions must have at most 1,000 questions' })
  .transform((inputs, ctx) => {
    const questions = inputs.map((input, i) => parseQuestion(input, i, ctx.issues));
    const firstAt = new Map<string, number>();
    questions.forEach((q, i) => {
      if (q === undefined) return;
      const earlier = firstAt.get(q.id);
      if (earlier === undefined) firstAt.set(q.id, i);
      else {
        const given =
          (inputs[i] as { id?: unknown }).id === undefined ? ' (its id by position)' : '';
        ctx.issues.push({
          code: 'custom',
          path: [i, 'id'],
          input: q.id,
          message: `id "${q.id}"${given} is already used by question ${earlier + 1}: ids must be different`,
        });
      }
    });
    return questions.every((q) => q !== undefined) ? questions : z.NEVER;
  });

// The list's element schema is chosen per entry by `type`, so each question is written by
// its own kind's schema.
canonicalRules.add(questionList, {
  rule: 'write',
  write: (value) => (value as readonly Question[]).map((q, i) => canonicalQuestion(q, i + 1)),
});

export const questionsSurveySchema = strict({
  title: nonBlank('title', 200),
  instructions: alwaysWritten(
    z
      .string({ error: 'instructions must be text' })
      .max(5_000, { error: 'instructions must be at most 5,000 characters' })
      .default(''),
  ),
  allowRetake: alwaysWritten(
    z.boolean({ error: 'allowRetake must be true or false' }).default(false),
  ),
  // Offer "continue on another device" (SURVEYS.md §7). Left out of the canonical form when
  // false, so turning it on is a new version and leaving it off changes no hash.
  allowResume: z.boolean({ error: 'allowResume must be true or false' }).default(false),
  questions: questionList,
});

export type QuestionsSurvey = z.output<typeof questionsSurveySchema>;

/**
 * The definition as canonical JSON text: what a version is the hash of and what is stored.
 * For a format-1 file it is byte for byte what `canonicalDefinition` (versions.ts) writes.
 */
export function canonicalSurvey(survey: QuestionsSurvey): string {
  return JSON.stringify(canonicalValue(questionsSurveySchema, survey));
}

const FORMAT_1_KEYS = new Set(['text', 'choices', 'allowText']);
const format1 = new WeakMap<QuestionsSurvey, boolean>();

/**
 * True when the survey uses nothing of format 2 (SURVEYS.md §0): every question, written in
 * its canonical form (defaults left out), has only format 1's keys and choices spelled as
 * text. Such a survey keeps every byte of its format-1 behaviour, e.g. its JSON export's keys.
 */
export function isFormat1(survey: QuestionsSurvey): boolean {
  let known = format1.get(survey);
  if (known === undefined) {
    const { questions } = JSON.parse(canonicalSurvey(survey)) as { questions: unknown[] };
    known = questions.every(
      (q) =>
        typeof q === 'object' &&
        q !== null &&
        Object.keys(q).every((key) => FORMAT_1_KEYS.has(key)) &&
        (q as { choices?: unknown[] }).choices?.every((c) => typeof c === 'string') !== false,
    );
    format1.set(survey, known);
  }
  return known;
}
