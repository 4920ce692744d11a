/**
 * Survey versions. A survey file may be edited while responses are being collected; each
 * distinct definition becomes a version, identified by the hash of its normalised form, so
 * answers are always read against the question list they were given to.
 *
 * Normalised means: validated, defaults applied (`choices: [Yes, No]` written out or left
 * implicit is the same survey), keys in the schema's order, no slug (it is the file's name,
 * not its content). Any change to what a respondent sees — a title, a choice, an instruction —
 * is a new version.
 */
import { createHash } from 'node:crypto';
import { canonicalSurvey } from './questions/index.js';
import { surveyFileSchema, type Survey, type SurveyDefinition } from './survey.js';

/** A survey as served under one stored version. */
export interface SurveyVersion {
  /** The storage id of the version. */
  readonly id: number;
  /** 1, 2, 3… within the survey. */
  readonly number: number;
  readonly survey: Survey;
}

/**
 * The definition as canonical JSON text: what is hashed and stored. Derived from the schema
 * (`questions/canonical.ts`): keys in schema order, keys at their default left out; for a
 * format-1 file byte for byte what format 1 wrote, so its hash does not change.
 */
export function canonicalDefinition(survey: SurveyDefinition): string {
  let canonical = canonicalTexts.get(survey);
  if (canonical === undefined) {
    canonical = canonicalSurvey(survey);
    canonicalTexts.set(survey, canonical);
  }
  return canonical;
}

/**
 * Each definition's canonical text, kept while the definition is: a survey is an immutable
 * value, written out when its version is registered and again at each reload to compare it.
 */
const canonicalTexts = new WeakMap<SurveyDefinition, string>();

/** SHA-256 of the canonical definition, hex: the version's identity. */
export function definitionHash(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Rebuilds a survey from a stored definition. Returns undefined when the text is not a valid
 * definition (only a hand-edited database could hold one): callers treat it as unknown.
 */
export function surveyFromDefinition(slug: string, canonical: string): Survey | undefined {
  let data: unknown;
  try {
    data = JSON.parse(canonical);
  } catch {
    return undefined;
  }
  const parsed = surveyFileSchema.safeParse(data);
  return parsed.success ? { slug, ...parsed.data } : undefined;
}
