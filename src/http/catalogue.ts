/**
 * The surveys a running server serves, reloadable (issue 16 item 4). Three kinds of survey:
 *
 * - live: its file is present and valid (or was, and has turned invalid since: the last valid
 *   definition keeps serving and the problem is recorded);
 * - archived: stored versions and no file. Not listed, not takeable; its results and exports
 *   stay in the admin area, shown with its latest stored version;
 * - unknown: neither (404).
 *
 * A reload stores every new definition before switching anything, then swaps the live map and
 * the current versions in one synchronous step, so no request sees half a reload.
 */
import {
  definitionHash,
  canonicalDefinition,
  slugSchema,
  type Survey,
  type SurveyDirectoryRead,
  type SurveyFileError,
  type SurveyVersion,
} from '../domain/index.js';
import type { Storage } from '../storage/index.js';
import type { VersionBook } from './versions.js';

/** What a reload changed, for the log line that says so. */
export interface ReloadReport {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Every problem with the files now; empty when all are valid. */
  readonly problems: readonly SurveyFileError[];
}

export interface SurveyCatalogue {
  /** The live surveys by slug. The same map object for the app's lifetime, updated in place. */
  readonly surveys: ReadonlyMap<string, Survey>;
  /** The problems the last reload found (none at startup: an invalid file stops it). */
  problems(): readonly SurveyFileError[];
  /** An archived survey as its latest stored version defines it; undefined if not archived. */
  archived(slug: string): Promise<Survey | undefined>;
  /** Applies a fresh read of the surveys directory. Calls must not overlap (`reloader`). */
  reload(read: SurveyDirectoryRead): Promise<ReloadReport>;
}

/** Archived definitions looked up, kept until the next reload; the bound is a guard only. */
const ARCHIVE_CACHE_LIMIT = 256;

export function createCatalogue(
  storage: Storage,
  versions: VersionBook,
  initial: readonly Survey[],
): SurveyCatalogue {
  const surveys = new Map(initial.map((s) => [s.slug, s]));
  const hashes = new Map(initial.map((s) => [s.slug, hashOf(s)]));
  let problems: readonly SurveyFileError[] = [];
  const archive = new Map<string, Survey>();

  async function archived(slug: string): Promise<Survey | undefined> {
    if (surveys.has(slug) || !slugSchema.safeParse(slug).success) return undefined;
    const known = archive.get(slug);
    if (known !== undefined) return known;
    const [latest] = await storage.listVersions(slug);
    if (latest === undefined) return undefined;
    const survey = (await versions.find(slug, latest.id))?.survey;
    if (survey === undefined) return undefined;
    if (archive.size >= ARCHIVE_CACHE_LIMIT) archive.clear();
    archive.set(slug, survey);
    return survey;
  }

  async function reload(read: SurveyDirectoryRead): Promise<ReloadReport> {
    // A directory that cannot be listed says nothing about any survey: all keep serving.
    if (read.kind === 'unreadable') {
      problems = [read.error];
      return { added: [], changed: [], removed: [], problems };
    }
    const found: SurveyFileError[] = [...read.errors];
    const next = new Map<string, Survey>();
    const served: SurveyVersion[] = [];
    const added: string[] = [];
    const changed: string[] = [];
    for (const survey of read.surveys) {
      const hash = hashOf(survey);
      const before = versions.current(survey.slug);
      if (before !== undefined && hashes.get(survey.slug) === hash) {
        next.set(survey.slug, before.survey);
        served.push(before);
        continue;
      }
      try {
        served.push(await versions.store(survey));
        next.set(survey.slug, survey);
        (before === undefined ? added : changed).push(survey.slug);
      } catch (error) {
        // The database refused the new version: the previous one, if any, keeps serving.
        found.push({ file: survey.slug, path: '', message: `not reloaded: ${String(error)}` });
        keep(survey.slug);
      }
    }
    // A file present but invalid: the last valid definition keeps serving.
    for (const slug of read.invalid) keep(slug);
    const removed = [...surveys.keys()].filter((slug) => !next.has(slug));

    surveys.clear();
    hashes.clear();
    for (const [slug, survey] of next) {
      surveys.set(slug, survey);
      hashes.set(slug, hashOf(survey));
    }
    versions.serve(served);
    archive.clear();
    problems = found;
    return { added, changed, removed, problems };

    function keep(slug: string): void {
      const before = versions.current(slug);
      if (before === undefined || next.has(slug)) return;
      next.set(slug, before.survey);
      served.push(before);
    }
  }

  return { surveys, problems: () => problems, archived, reload };
}

const hashOf = (survey: Survey) => definitionHash(canonicalDefinition(survey));
