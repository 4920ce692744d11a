import { z } from 'zod';
import type { Survey } from '../../../domain/index.js';
import type { VersionSummary } from '../../../storage/index.js';
import type { AppContext } from '../../context.js';

/**
 * `?version=N` (a version number within the survey), `?page=N` (a page of questions) and
 * `?comments=N` (a page of comments); all optional.
 */
export const resultsQuerySchema = z.object({
  version: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().positive().max(1_000_000).default(1),
  comments: z.coerce.number().int().positive().max(1_000_000).default(1),
});

export interface SelectedVersion {
  /** The survey as that version defines it. */
  readonly survey: Survey;
  readonly summary: VersionSummary;
  /** Every version of the survey, newest first. */
  readonly all: readonly VersionSummary[];
  readonly currentNumber: number | undefined;
}

/**
 * The version an admin page is about: the one asked for, else the one this server serves now.
 * Undefined for an unknown survey or version number (the caller answers 404).
 */
export async function selectVersion(
  { surveys, storage, versions }: AppContext,
  slug: string,
  number: number | undefined,
): Promise<SelectedVersion | undefined> {
  if (!surveys.has(slug)) return undefined;
  const all = await storage.listVersions(slug);
  const currentNumber = versions.current(slug)?.number;
  const summary = all.find((v) => v.number === (number ?? currentNumber));
  if (summary === undefined) return undefined;
  const version = await versions.find(slug, summary.id);
  if (version === undefined) return undefined;
  return { survey: version.survey, summary, all, currentNumber };
}
