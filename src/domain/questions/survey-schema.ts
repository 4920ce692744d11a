/**
 * The format-2 survey file (SURVEYS.md §0–§3): `questions:` (one question a page) or `pages:`
 * (several questions a page). Every format-1 file is a valid `questions:` file with the same
 * meaning: a question without `type` is a `choice` question whose `choices` default to
 * `[Yes, No]`, `allowText` adds the comment, every question is required. Questions without `id`
 * get `q1`, `q2`… by position in the file (1-based, counted across pages), so ids are stable as
 * long as questions are not moved; ids written in the file are stable for good.
 *
 * Parsing gives one model for both layouts: `questions` is every question in file order (its
 * index is the stored question index) and `pages` lists each page's indices into it.
 */
import { z } from 'zod';
import { surveyPipeProblems } from '../paths/pipe.js';
import { boundedCondition, type Condition } from '../paths/condition.js';
import { canonicalQuestion, canonicalValue } from './canonical.js';
import { alwaysWritten, canonicalRules } from './canonical-meta.js';
import { ID_PATTERN, nonBlank, required, strict } from './common.js';
import { isKind, kindNames, kinds, type Question } from './registry.js';
import { suggest } from './suggest.js';
import { languagesKey, localiseFile, relocalise } from './languages.js';
import { conditionIssues } from './survey-conditions.js';

/** The id a question gets from its position when the file gives none. */
export const positionalId = (index: number) => `q${index + 1}`;

/** At most this many questions in one file, on all its pages together. */
export const MAX_QUESTIONS = 1_000;

type Issues = z.core.$RefinementCtx['issues'];
type Path = readonly (string | number)[];

/** One page of the respondent flow (the model every layer reads; see survey.ts). */
export interface SurveyPage {
  /** Its position in the file, 0-based: the URL's page number (`/surveys/:slug/questions/N`). */
  readonly index: number;
  /** `pages:` file: the page's id; `questions:` file: its one question's id. */
  readonly id: string;
  readonly title?: string | undefined;
  readonly help?: string | undefined;
  readonly showIf?: Condition | undefined;
  /** Indices into `survey.questions` of the questions on this page, in file order. */
  readonly questions: readonly number[];
}

function typeProblem(type: unknown): string {
  if (typeof type !== 'string') return `type must be one of ${kindNames.join(', ')}`;
  const near = suggest(type, kindNames);
  return near === undefined
    ? `unknown type "${type}" — it must be one of ${kindNames.join(', ')}`
    : `unknown type "${type}" — did you mean "${near}"?`;
}

/** A question as written, where it is in the file and its 0-based position among all questions. */
interface Entry {
  readonly input: unknown;
  readonly path: Path;
  readonly position: number;
}

/** Validates one question against its kind's schema; issues get the entry's path in front. */
function parseQuestion({ input, path, position }: Entry, issues: Issues): Question | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({
      code: 'custom',
      path: [...path],
      input,
      message: 'a question must be a mapping with at least text',
    });
    return undefined;
  }
  const fields = input as Record<string, unknown>;
  const type = fields.type ?? 'choice';
  if (typeof type !== 'string' || !isKind(type)) {
    issues.push({
      code: 'custom',
      path: [...path, 'type'],
      input: type,
      message: typeProblem(type),
    });
    return undefined;
  }
  const withId = fields.id === undefined ? { ...fields, id: positionalId(position) } : fields;
  const parsed = kinds[type].schema.safeParse(withId);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    issues.push({ ...issue, path: [...path, ...issue.path] } as Issues[number]);
  }
  return undefined;
}

/** Each entry by its kind, then ids checked to be unique across the whole file. */
function parseQuestions(entries: readonly Entry[], issues: Issues): Question[] | undefined {
  const questions = entries.map((entry) => parseQuestion(entry, issues));
  const firstAt = new Map<string, number>();
  questions.forEach((q, i) => {
    const entry = entries[i];
    if (q === undefined || entry === undefined) return;
    const earlier = firstAt.get(q.id);
    if (earlier === undefined) firstAt.set(q.id, entry.position);
    else {
      const given =
        (entry.input as { id?: unknown }).id === undefined ? ' (its id by position)' : '';
      issues.push({
        code: 'custom',
        path: [...entry.path, 'id'],
        input: q.id,
        message: `id "${q.id}"${given} is already used by question ${earlier + 1}: ids must be different`,
      });
    }
  });
  return questions.every((q) => q !== undefined) ? questions : undefined;
}

/** The `questions:` list: one question a page. */
const questionList = z
  .array(z.unknown(), { error: 'questions must be a list' })
  .min(1, { error: 'questions must have at least one question' })
  .max(MAX_QUESTIONS, { error: 'questions must have at most 1,000 questions' })
  .transform(
    (inputs, ctx) =>
      parseQuestions(
        inputs.map((input, i) => ({ input, path: [i], position: i })),
        ctx.issues,
      ) ?? z.NEVER,
  );

// The list's element schema is chosen per entry by `type`, so each question is written by
// its own kind's schema.
canonicalRules.add(questionList, {
  rule: 'write',
  write: (value) => (value as readonly Question[]).map((q, i) => canonicalQuestion(q, i + 1)),
});

/** How many hidden fields a survey may name. */
export const MAX_HIDDEN = 20;

/**
 * `hidden: [source, team]` (SURVEYS.md §6): the URL parameters of the start page recorded with
 * a response. Names follow the question-id rule, so they are safe as CSV column names and as
 * query parameter names alike; an empty list is the default and is left out of the canonical
 * form, so no existing survey's hash changes.
 */
const hiddenNames = z
  .array(
    z.string({ error: 'hidden names must be text' }).regex(ID_PATTERN, {
      error:
        'a hidden name must start with a small letter and have only a–z, 0–9 and _ (at most 40 characters)',
    }),
    { error: 'hidden must be a list of names' },
  )
  .max(MAX_HIDDEN, { error: `hidden must have at most ${MAX_HIDDEN} names` })
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        ctx.issues.push({
          code: 'custom',
          path: [i],
          input: name,
          message: `hidden name "${name}" is listed twice: names must be different`,
        });
    });
  })
  .readonly()
  .default([]);

/** A page as written: its questions are checked with the whole file's (ids, positions). */
const pageSchema = strict({
  id: z.string({ error: required('page id', 'page id must be text') }).regex(ID_PATTERN, {
    error:
      'page id must start with a small letter and have only a–z, 0–9 and _ (at most 40 characters)',
  }),
  title: nonBlank('page title', 200).optional(),
  help: nonBlank('page help', 1_000).optional(),
  showIf: boundedCondition.optional(),
  questions: z
    .array(z.unknown(), { error: required('questions', 'questions must be a list') })
    .min(1, { error: 'a page must have at least one question' }),
});

/** A page after parsing, before the survey flattens its questions into one list. */
type PageEntry = Omit<z.output<typeof pageSchema>, 'questions'> & {
  readonly questions: readonly Question[];
};

function parsePages(inputs: readonly unknown[], issues: Issues): PageEntry[] | undefined {
  const pages = inputs.map((input, p) => {
    const parsed = pageSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ ...issue, path: [p, ...issue.path] } as Issues[number]);
      }
    }
    return parsed.success ? parsed.data : undefined;
  });
  const entries: Entry[] = [];
  inputs.forEach((input, p) => {
    const written = (input as { questions?: unknown } | null)?.questions;
    if (!Array.isArray(written)) return;
    written.forEach((q: unknown, j) => {
      entries.push({ input: q, path: [p, 'questions', j], position: entries.length });
    });
  });
  if (entries.length > MAX_QUESTIONS) {
    issues.push({
      code: 'custom',
      path: [],
      input: entries.length,
      message: `pages must have at most 1,000 questions in all (these have ${entries.length})`,
    });
    return undefined;
  }
  const questions = parseQuestions(entries, issues);
  const firstAt = new Map<string, number>();
  pages.forEach((page, p) => {
    if (page === undefined) return;
    const earlier = firstAt.get(page.id);
    if (earlier === undefined) firstAt.set(page.id, p);
    else {
      issues.push({
        code: 'custom',
        path: [p, 'id'],
        input: page.id,
        message: `page id "${page.id}" is already used by page ${earlier + 1}: page ids must be different`,
      });
    }
  });
  if (questions === undefined || pages.some((p) => p === undefined)) return undefined;
  if (firstAt.size < pages.length) return undefined;
  let next = 0;
  return (pages as z.output<typeof pageSchema>[]).map((page) => ({
    ...page,
    questions: page.questions.map(() => questions[next++] as Question),
  }));
}

/** The `pages:` list: several questions a page. */
const pageList = z
  .array(z.unknown(), { error: 'pages must be a list' })
  .min(1, { error: 'pages must have at least one page' })
  .transform((inputs, ctx) => parsePages(inputs, ctx.issues) ?? z.NEVER);

// A page is written by its own schema and its questions by their kinds' schemas, at their
// positions in the whole file (an id by position is left out, as in a `questions:` file).
canonicalRules.add(pageList, {
  rule: 'write',
  write: (value) => {
    let position = 0;
    return (value as readonly PageEntry[]).map(({ questions, ...page }) => ({
      ...(canonicalValue(pageSchema, page) as object),
      questions: questions.map((q) => canonicalQuestion(q, ++position)),
    }));
  },
});

/**
 * An ISO 8601 date-time with its offset (`2030-03-01T09:00:00+01:00`, or `Z`): a moment
 * every server reads alike whatever its time zone. zod's parser checks the calendar too
 * (no 30 February); a time without an offset is refused rather than guessed.
 */
function dateTime(key: string) {
  return z.iso.datetime({
    offset: true,
    error: `${key} must be an ISO 8601 date and time with an offset, e.g. 2030-03-01T09:00:00+01:00`,
  });
}

/** `opens` after (or at) `closes` would never be open: a problem, or nothing. */
function windowProblem(file: FileForm): { path: string[]; message: string } | undefined {
  if (file.opens === undefined || file.closes === undefined) return undefined;
  return Date.parse(file.opens) < Date.parse(file.closes)
    ? undefined
    : { path: ['closes'], message: `closes (${file.closes}) must be after opens (${file.opens})` };
}

/** The file as written, keys in canonical order: format 1's first, then format 2's. */
const fileSchema = strict({
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
  questions: questionList.optional(),
  pages: pageList.optional(),
  hidden: hiddenNames,
  allowBack: z.boolean({ error: 'allowBack must be true or false' }).default(false),
  thankYou: z
    .string({ error: 'thankYou must be text' })
    .max(5_000, { error: 'thankYou must be at most 5,000 characters' })
    .optional(),
  // Opening, closing, caps (SURVEYS.md §8), together; all absent by default, so they are left
  // out of the canonical form and no existing hash changes.
  opens: dateTime('opens').optional(),
  closes: dateTime('closes').optional(),
  maxResponses: z
    .number({ error: 'maxResponses must be a whole number of at least 1' })
    .int({ error: 'maxResponses must be a whole number of at least 1' })
    .min(1, { error: 'maxResponses must be a whole number of at least 1' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'maxResponses is too large' })
    .optional(),
  closedMessage: nonBlank('closedMessage', 1_000).optional(),
  // `listed: false` keeps the survey off the home page; its link still works (issue 16).
  // Left out of the canonical form when true, so no existing survey's hash changes.
  listed: z.boolean({ error: 'listed must be true or false' }).default(true),
  // `timestamps: day` (SURVEYS.md §1, privacy): every stored time of the survey's responses is
  // its UTC date. The default, `exact`, is left out of the canonical form.
  timestamps: z
    .enum(['exact', 'day'], { error: 'timestamps must be exact or day' })
    .default('exact'),
  // SURVEYS.md §5: read by `localiseFile` before this schema (text maps resolved, checked);
  // absent by default, so no existing survey's hash changes.
  languages: languagesKey.optional(),
});

type FileForm = z.output<typeof fileSchema>;

/** The parsed file as the model: one flat question list, and the pages over it. */
function toModel({ questions, pages, ...rest }: FileForm) {
  if (pages === undefined) {
    const flat = questions ?? [];
    return {
      ...rest,
      questions: flat,
      pages: flat.map((q, index): SurveyPage => ({ index, id: q.id, questions: [index] })),
      layout: 'questions' as 'questions' | 'pages',
    };
  }
  let next = 0;
  return {
    ...rest,
    questions: pages.flatMap((page) => page.questions),
    pages: pages.map(({ questions: onPage, ...page }, index): SurveyPage => ({
      ...page,
      index,
      questions: onPage.map(() => next++),
    })),
    layout: 'pages' as 'questions' | 'pages',
  };
}

/** "Exactly one of `questions` and `pages`" (SURVEYS.md §1), as a problem or nothing. */
function layoutProblem(file: FileForm): { path: string[]; message: string } | undefined {
  if (file.questions === undefined && file.pages === undefined) {
    return {
      path: ['questions'],
      message: 'questions is required (or pages, for several questions a page)',
    };
  }
  if (file.questions !== undefined && file.pages !== undefined) {
    return { path: ['pages'], message: 'a file has questions or pages, not both' };
  }
  return undefined;
}

// One transform after the file's shape: zod still pipes a value whose only issues are unknown
// keys, so it looks at the issues so far before building on the value.
export const questionsSurveySchema = z
  .preprocess(localiseFile, fileSchema)
  .transform((file, ctx) => {
    for (const { path, message } of file.languages?.problems ?? []) {
      ctx.issues.push({ code: 'custom', input: file, path: [...path], message });
    }
    if (ctx.issues.length > 0) return z.NEVER;
    const layout = layoutProblem(file);
    if (layout !== undefined) {
      ctx.issues.push({ code: 'custom', input: file, ...layout });
      return z.NEVER;
    }
    const window = windowProblem(file);
    if (window !== undefined) ctx.issues.push({ code: 'custom', input: file, ...window });
    const survey = toModel(file);
    // Pipes (§6) are checked in files that use format 2: a format-1 file's texts are plain text.
    const pipes = isFormat1(survey) ? [] : surveyPipeProblems(survey);
    for (const { path, message } of [...conditionIssues(survey), ...pipes]) {
      ctx.issues.push({ code: 'custom', input: file, path: [...path], message });
    }
    return ctx.issues.length > 0 ? z.NEVER : survey;
  });

export type QuestionsSurvey = z.output<typeof questionsSurveySchema>;

/** The model back in the shape of the file it came from (what the canonical form writes). */
function fileFormOf(survey: QuestionsSurvey): Record<string, unknown> {
  const { questions, pages, layout, ...rest } = survey;
  if (layout === 'questions') return { ...rest, questions };
  return {
    ...rest,
    pages: pages.map(({ index: _index, questions: onPage, ...page }) => ({
      ...page,
      questions: onPage.map((i) => questions[i]),
    })),
  };
}

/**
 * The definition as canonical JSON text: what a version is the hash of and what is stored.
 * For a format-1 file it is byte for byte what `canonicalDefinition` (versions.ts) writes; a
 * `pages:` file writes its pages, so the stored text parses back to the same survey.
 */
export function canonicalSurvey(survey: QuestionsSurvey): string {
  return JSON.stringify(
    relocalise(canonicalValue(fileSchema, fileFormOf(survey)), survey.languages),
  );
}

const FORMAT_1_FILE_KEYS = new Set(['title', 'instructions', 'allowRetake', 'questions']);
const FORMAT_1_KEYS = new Set(['text', 'choices', 'allowText']);
const format1 = new WeakMap<QuestionsSurvey, boolean>();

/**
 * True when the survey uses nothing of format 2 (SURVEYS.md §0): its canonical form (defaults
 * left out) has only format 1's top-level keys, and every question only format 1's keys and
 * choices spelled as text. Such a survey keeps every byte of its format-1 behaviour, e.g. its
 * JSON export's keys.
 */
export function isFormat1(survey: QuestionsSurvey): boolean {
  let known = format1.get(survey);
  if (known === undefined) {
    const file = JSON.parse(canonicalSurvey(survey)) as { questions?: unknown[] };
    known =
      Object.keys(file).every((key) => FORMAT_1_FILE_KEYS.has(key)) &&
      (file.questions ?? []).every(
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
