/**
 * `canvass check` in plain language (issue 14 item 7): each problem names the field path
 * (`questions[2].scale`, the §0 format `FILE: FIELD.PATH: what is wrong`) and, for a question,
 * its 1-based human position with its id: "question 3 (id: tenure)".
 */
import type { z } from 'zod';
import { positionalId, questionsSurveySchema, type QuestionsSurvey } from './survey-schema.js';

export interface SurveyProblem {
  /** `questions[2].choices[0]`; empty for the file as a whole. */
  readonly path: string;
  /** "question 3 (id: tenure)" when the problem is inside a question. */
  readonly where?: string;
  readonly message: string;
}

export type SurveyParse =
  | { readonly ok: true; readonly survey: QuestionsSurvey }
  | { readonly ok: false; readonly problems: readonly SurveyProblem[] };

/** `['questions', 2, 'choices']` → `questions[2].choices` (as survey-files.ts writes paths). */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** "question 3 (id: tenure)": the id written in the file, else the one given by position. */
export function questionPosition(data: unknown, index: number): string {
  const questions = (data as { questions?: unknown } | null)?.questions;
  const entry: unknown = Array.isArray(questions) ? questions[index] : undefined;
  const id = (entry as { id?: unknown } | null)?.id;
  return `question ${index + 1} (id: ${typeof id === 'string' ? id : positionalId(index)})`;
}

function toProblem(issue: z.core.$ZodIssue, data: unknown): SurveyProblem {
  const [first, index] = issue.path;
  const path = formatPath(issue.path);
  return first === 'questions' && typeof index === 'number'
    ? { path, where: questionPosition(data, index), message: issue.message }
    : { path, message: issue.message };
}

/** Validates parsed YAML or JSON as a `questions:` survey file. */
export function parseQuestionsSurvey(data: unknown): SurveyParse {
  const parsed = questionsSurveySchema.safeParse(data);
  if (parsed.success) return { ok: true, survey: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => toProblem(issue, data)) };
}

/** `FILE: questions[2].scale: question 3 (id: tenure): rating scale must be between 3 and 10`. */
export function formatProblem(
  file: string,
  problem: SurveyProblem & { readonly line?: number | undefined },
): string {
  const line = problem.line === undefined ? undefined : `line ${problem.line}`;
  const where = [problem.where, line].filter((part) => part !== undefined).join(', ');
  return [file, problem.path, where, problem.message].filter((part) => part !== '').join(': ');
}
