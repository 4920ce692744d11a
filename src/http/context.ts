import type { Survey } from '../domain/index.js';
import type { Storage } from '../storage/index.js';
import type { SurveyCatalogue } from './catalogue.js';
import type { Limits } from './hardening/index.js';
import type { VersionBook } from './versions.js';

/**
 * What the routes need: the surveys being served, their versions, where answers go, and the
 * per-action limits.
 */
export interface AppContext {
  /** The live surveys (`catalogue.surveys`): read per request, a reload changes them. */
  readonly surveys: ReadonlyMap<string, Survey>;
  readonly catalogue: SurveyCatalogue;
  readonly storage: Storage;
  readonly versions: VersionBook;
  readonly limits: Limits;
  /** The clock (ms since the epoch) of opening and closing (SURVEYS.md §8); tests inject one. */
  readonly now: () => number;
}

export interface SlugParams {
  slug: string;
}

export interface QuestionParams extends SlugParams {
  qid: string;
}

/** `qid` is a non-negative integer in plain decimal digits; anything else is not a page. */
export function parseQid(raw: string): number | undefined {
  return /^[0-9]+$/.test(raw) ? Number(raw) : undefined;
}
