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

const idOf = (entry: unknown): unknown => (entry as { id?: unknown } | null)?.id;
const listOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const questionsOf = (value: unknown) =>
  listOf((value as { questions?: unknown } | null)?.questions);

/** "question 3 (id: tenure)": the id written in the file, else the one given by position. */
export function questionPosition(
  data: unknown,
  index: number,
  entry: unknown = questionsOf(data)[index],
): string {
  const id = idOf(entry);
  return `question ${index + 1} (id: ${typeof id === 'string' ? id : positionalId(index)})`;
}

/**
 * Where a problem is, as a person counts: a question by its position in the whole file
 * (counted across pages, as ids by position are), else a page by its position and id.
 */
function whereOf(path: readonly PropertyKey[], data: unknown): string | undefined {
  const [first, index, inner, onPage] = path;
  if (typeof index !== 'number') return undefined;
  if (first === 'questions') return questionPosition(data, index);
  if (first !== 'pages') return undefined;
  const pages = listOf((data as { pages?: unknown } | null)?.pages);
  if (inner === 'questions' && typeof onPage === 'number') {
    const before = pages.slice(0, index).reduce<number>((n, p) => n + questionsOf(p).length, 0);
    return questionPosition(data, before + onPage, questionsOf(pages[index])[onPage]);
  }
  const id = idOf(pages[index]);
  return `page ${index + 1}${typeof id === 'string' ? ` (id: ${id})` : ''}`;
}

function toProblem(issue: z.core.$ZodIssue, data: unknown): SurveyProblem {
  const path = formatPath(issue.path);
  const where = whereOf(issue.path, data);
  return where === undefined
    ? { path, message: issue.message }
    : { path, where, message: issue.message };
}

/** Validates parsed YAML or JSON as a survey file (`questions:` or `pages:`). */
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
