import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
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
 * What one read of a surveys directory found, as a running server reloads it (issue 16):
 * `unreadable` when the directory itself could not be listed (nothing can be concluded about
 * any survey), else the valid surveys, every problem, and the slugs whose file is present but
 * invalid (their previous version keeps serving).
 */
export type SurveyDirectoryRead =
  | { readonly kind: 'unreadable'; readonly error: SurveyFileError }
  | {
      readonly kind: 'read';
      readonly surveys: readonly Survey[];
      readonly errors: readonly SurveyFileError[];
      readonly invalid: readonly string[];
    };

/**
 * Reads every survey file in `dir` and validates it. Files that are not survey files
 * (another extension) are ignored; a survey file with a bad slug, bad syntax or a bad
 * field is reported, never skipped silently.
 */
export async function loadSurveyDirectory(dir: string): Promise<SurveyLoad> {
  const read = await readSurveyDirectory(dir);
  if (read.kind === 'unreadable') return { surveys: [], errors: [read.error] };
  const { surveys, errors } = read;
  if (surveys.length === 0 && errors.length === 0) {
    return {
      surveys,
      errors: [
        {
          file: dir,
          path: '',
          message: 'no survey files (SLUG.yaml, SLUG.yml or SLUG.json) found',
        },
      ],
    };
  }
  return { surveys, errors };
}

/**
 * The directory as it is now, file by file. An empty directory is a valid read (every survey
 * removed); a file that vanishes between the listing and its reading counts as removed.
 */
export async function readSurveyDirectory(dir: string): Promise<SurveyDirectoryRead> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (cause) {
    const reason =
      (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : String(cause);
    return { kind: 'unreadable', error: { file: dir, path: '', message: reason } };
  }
  const surveys: Survey[] = [];
  const errors: SurveyFileError[] = [];
  const invalid: string[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const named = surveyFileName(name);
    if (named === undefined) continue;
    const file = join(dir, name);
    if (named.kind === 'misnamed') {
      errors.push(misnamed(file));
      continue;
    }
    const { slug } = named;
    const earlier = seen.get(slug);
    if (earlier !== undefined) {
      errors.push({ file, path: '', message: `the slug "${slug}" is already used by ${earlier}` });
      continue;
    }
    const read = await readSurvey(file, named);
    if (read.kind === 'gone') continue;
    seen.set(slug, file);
    if (read.kind === 'survey') surveys.push(read.survey);
    else {
      invalid.push(slug);
      errors.push(...read.errors);
    }
  }
  return { kind: 'read', surveys, errors, invalid };
}

/**
 * Reads and validates the survey files `files` (paths), as `canvass check FILE…` names them:
 * each is judged as it would be in its directory (its name gives the slug), and a file that
 * is missing or not named `SLUG.yaml`, `SLUG.yml` or `SLUG.json` is a problem, not skipped.
 */
export async function loadSurveyFiles(files: readonly string[]): Promise<SurveyLoad> {
  const surveys: Survey[] = [];
  const errors: SurveyFileError[] = [];
  for (const file of files) {
    const named = surveyFileName(basename(file));
    const read =
      named === undefined || named.kind === 'misnamed'
        ? ({ kind: 'invalid', errors: [misnamed(file)] } as const)
        : await readSurvey(file, named);
    if (read.kind === 'survey') surveys.push(read.survey);
    else if (read.kind === 'gone')
      errors.push({ file, path: '', message: 'could not read the file: no such file' });
    else errors.push(...read.errors);
  }
  return { surveys, errors };
}

/** A survey file's slug and syntax from its name; `misnamed` for a bad slug, else undefined. */
function surveyFileName(
  name: string,
): { kind: 'named'; slug: string; syntax: 'yaml' | 'json' } | { kind: 'misnamed' } | undefined {
  const match = SURVEY_FILE.exec(name);
  if (!match?.groups) return undefined;
  const slug = match.groups.slug ?? '';
  if (!slugSchema.safeParse(slug).success) return { kind: 'misnamed' };
  return { kind: 'named', slug, syntax: match.groups.ext === 'json' ? 'json' : 'yaml' };
}

const misnamed = (file: string): SurveyFileError => ({
  file,
  path: '',
  message: `the file name must be SLUG.yaml, SLUG.yml or SLUG.json where SLUG is [a-z0-9-]+`,
});

/** One survey file read and validated: the survey, its problems, or `gone` (it vanished). */
async function readSurvey(
  file: string,
  { slug, syntax }: { slug: string; syntax: 'yaml' | 'json' },
): Promise<
  | { kind: 'survey'; survey: Survey }
  | { kind: 'invalid'; errors: SurveyFileError[] }
  | { kind: 'gone' }
> {
  const text = await readSurveyFile(file);
  if (text === undefined) return { kind: 'gone' };
  if (typeof text !== 'string') {
    return {
      kind: 'invalid',
      errors: [{ file, path: '', message: `could not read the file: ${text.reason}` }],
    };
  }
  const result = parseSurveyText(text, syntax);
  return result.ok
    ? { kind: 'survey', survey: { slug, ...result.survey } }
    : { kind: 'invalid', errors: result.errors.map((error) => ({ file, ...error })) };
}

/**
 * A file's text; undefined when it was removed after the directory was listed; the reason
 * when it cannot be read (permissions, a directory named like a survey file).
 */
async function readSurveyFile(file: string): Promise<string | { reason: string } | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : { reason: code ?? String(cause) };
  }
}

type ParseResult =
  { ok: true; survey: QuestionsSurvey } | { ok: false; errors: readonly LocatedProblem[] };

/** Parses and validates the text of one survey file. */
export function parseSurveyText(source: string, syntax: 'yaml' | 'json'): ParseResult {
  const parsed = parseSurveySource(source, syntax);
  if (parsed.ok) return { ok: true, survey: parsed.survey };
  return { ok: false, errors: parsed.problems };
}
