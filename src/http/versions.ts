import {
  canonicalDefinition,
  definitionHash,
  surveyFromDefinition,
  type Progress,
  type Survey,
  type SurveyVersion,
} from '../domain/index.js';
import type { Storage } from '../storage/index.js';

/**
 * The survey versions this process knows: the current one of each survey (registered when
 * the app is built) and, loaded on demand, older ones that respondents began on.
 */
export interface VersionBook {
  /** The version new respondents of `slug` begin on. */
  current(slug: string): SurveyVersion | undefined;
  /** A stored version of `slug` by id, or undefined (unknown id, or another survey's). */
  find(slug: string, versionId: number): Promise<SurveyVersion | undefined>;
  /**
   * The survey as the respondent began it: the progress's version, else (no progress, progress
   * from before versions, or a version this database does not have) the current definition.
   * A version this process already knows is returned at once, without a promise: every page
   * of every flow asks.
   */
  surveyFor(survey: Survey, progress: Progress | undefined): Survey | Promise<Survey>;
  /**
   * Stores the survey's definition as a version (idempotent) without serving it yet: a reload
   * stores every changed file first, then switches them all at once (`serve`).
   */
  store(survey: Survey): Promise<SurveyVersion>;
  /**
   * Makes `served` the versions new respondents begin on; a survey not among them has no
   * current version (its file was removed: archived).
   */
  serve(served: readonly SurveyVersion[]): void;
}

/** `version` if it belongs to the survey `slug`: a version id from a cookie may be another's. */
const ofSurvey = (version: SurveyVersion, slug: string) =>
  version.survey.slug === slug ? version : undefined;

/** Versions never change once stored, so caching them is safe; the bound is a guard only. */
const CACHE_LIMIT = 256;

/** Stores each survey's current definition as a version (idempotent) and returns the book. */
export async function registerVersions(
  storage: Storage,
  surveys: readonly Survey[],
  at = new Date(),
): Promise<VersionBook> {
  const cache = new Map<number, SurveyVersion>();
  const current = new Map<string, SurveyVersion>();

  async function store(survey: Survey, when = new Date()): Promise<SurveyVersion> {
    const definition = canonicalDefinition(survey);
    const hash = definitionHash(definition);
    const stored = await storage.registerVersion({
      survey: survey.slug,
      hash,
      definition,
      at: when,
    });
    const version = { id: stored.id, number: stored.number, survey };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(stored.id, version);
    return version;
  }

  for (const survey of surveys) {
    const version = await store(survey, at);
    current.set(survey.slug, version);
  }

  async function find(slug: string, versionId: number): Promise<SurveyVersion | undefined> {
    const cached = cache.get(versionId);
    if (cached !== undefined) return ofSurvey(cached, slug);
    const stored = await storage.getVersion(versionId);
    if (stored?.survey !== slug) return undefined;
    const survey = surveyFromDefinition(slug, stored.definition);
    if (survey === undefined) return undefined;
    const version = { id: stored.id, number: stored.number, survey };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(stored.id, version);
    return version;
  }

  return {
    current: (slug) => current.get(slug),
    find,
    store,
    serve(served) {
      current.clear();
      for (const version of served) {
        current.set(version.survey.slug, version);
        // The cache may have been cleared since it was stored: every page asks for it.
        cache.set(version.id, version);
      }
    },
    surveyFor(survey, progress) {
      if (progress?.versionId === undefined) return survey;
      const cached = cache.get(progress.versionId);
      if (cached !== undefined) return ofSurvey(cached, survey.slug)?.survey ?? survey;
      return find(survey.slug, progress.versionId).then((version) => version?.survey ?? survey);
    },
  };
}
