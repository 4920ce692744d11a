import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  formatProblem,
  parseSurveySource,
  type LocatedProblem,
  type QuestionsSurvey,
} from './questions/index.js';
import { slugSchema, type Survey } from './survey.js';

/**
 * One problem with one survey file: which file, where in it (the field path, the question as
 * a person counts it, the line), and what is wrong in plain words.
 */
export interface SurveyFileError extends LocatedProblem {
  readonly file: string;
}

/** The outcome of reading a surveys directory: the valid surveys and every problem found. */
export interface SurveyLoad {
  readonly surveys: readonly Survey[];
  readonly errors: readonly SurveyFileError[];
}

const SURVEY_FILE = /^(?<slug>.+)\.(?<ext>ya?ml|json)$/;

/**
 * Formats an error the way `canvass check` and startup print it (SURVEYS.md §0):
 * `FILE: FIELD.PATH: question 3 (id: tenure), line 7: what is wrong`.
 */
export function formatSurveyFileError(error: SurveyFileError): string {
  return formatProblem(error.file, error);
}

/**
 * Reads every survey file in `dir` and validates it. Files that are not survey files
 * (another extension) are ignored; a survey file with a bad slug, bad syntax or a bad
 * field is reported, never skipped silently.
 */
export async function loadSurveyDirectory(dir: string): Promise<SurveyLoad> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (cause) {
    const reason =
      (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : String(cause);
    return { surveys: [], errors: [{ file: dir, path: '', message: reason }] };
  }
  const surveys: Survey[] = [];
  const errors: SurveyFileError[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const match = SURVEY_FILE.exec(name);
    if (!match?.groups) continue;
    const slug = match.groups.slug ?? '';
    const file = join(dir, name);
    if (!slugSchema.safeParse(slug).success) {
      errors.push({
        file,
        path: '',
        message: `the file name must be SLUG.yaml, SLUG.yml or SLUG.json where SLUG is [a-z0-9-]+`,
      });
      continue;
    }
    const earlier = seen.get(slug);
    if (earlier !== undefined) {
      errors.push({ file, path: '', message: `the slug "${slug}" is already used by ${earlier}` });
      continue;
    }
    seen.set(slug, file);
    const result = parseSurveyText(
      await readFile(file, 'utf8'),
      match.groups.ext === 'json' ? 'json' : 'yaml',
    );
    if (result.ok) surveys.push({ slug, ...result.survey });
    else errors.push(...result.errors.map((error) => ({ file, ...error })));
  }
  if (surveys.length === 0 && errors.length === 0) {
    errors.push({
      file: dir,
      path: '',
      message: 'no survey files (SLUG.yaml, SLUG.yml or SLUG.json) found',
    });
  }
  return { surveys, errors };
}

type ParseResult =
  { ok: true; survey: QuestionsSurvey } | { ok: false; errors: readonly LocatedProblem[] };

/** Parses and validates the text of one survey file. */
export function parseSurveyText(source: string, syntax: 'yaml' | 'json'): ParseResult {
  const parsed = parseSurveySource(source, syntax);
  if (parsed.ok) return { ok: true, survey: parsed.survey };
  return { ok: false, errors: parsed.problems };
}
