import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Progress, Target } from '../domain/index.js';
import { progressEntrySchema as entrySchema } from './session-keys.js';

/**
 * Progress lives in the session under `progress`, one `[responseId, answered, versionId]`
 * entry per survey slug: three numbers a survey, whatever its length, so the cookie stays
 * small. Carrying the version id saves a database read on every page of the flow; entries
 * written before versions existed have two numbers and are still read.
 */
const SESSION_KEY = 'progress';
type Entry = z.infer<typeof entrySchema>;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The progress entries, to change in place (the session watches them for changes). */
function entries(request: FastifyRequest): Record<string, unknown> | undefined {
  return asRecord(request.session.get(SESSION_KEY));
}

function parseEntry(entry: unknown): Progress | undefined {
  const parsed = entrySchema.safeParse(entry);
  if (!parsed.success) return undefined;
  const [responseId, answered, versionId] = parsed.data;
  return versionId === undefined ? { responseId, answered } : { responseId, answered, versionId };
}

/**
 * Every survey's progress, parsed from the session's `progress` value. Defined once, so the
 * session library may reuse its result for a value that comes back unchanged request after
 * request: parsing is most of what reading progress costs on a question page.
 */
function progressBySlug(value: unknown): ReadonlyMap<string, Progress> {
  const all = new Map<string, Progress>();
  for (const [slug, entry] of Object.entries(asRecord(value) ?? {})) {
    const progress = parseEntry(entry);
    if (progress !== undefined) all.set(slug, progress);
  }
  return all;
}

/** This browser's progress in one survey, or undefined (never begun, or unreadable). */
export function readProgress(request: FastifyRequest, slug: string): Progress | undefined {
  // Read-only: pages that only read progress leave nothing for the commit to re-serialise.
  return request.session.derive(SESSION_KEY, progressBySlug).get(slug);
}

/** Stores progress in one survey, leaving the other surveys' progress as it is. */
export function writeProgress(request: FastifyRequest, slug: string, progress: Progress): void {
  const entry: Entry =
    progress.versionId === undefined
      ? [progress.responseId, progress.answered]
      : [progress.responseId, progress.answered, progress.versionId];
  const all = entries(request);
  if (all !== undefined) {
    // Changed in place, as the seed appends to a list held in the session. The session would
    // notice by serialising the payload and comparing it with the one it loaded; saying so
    // (Flask's `session.modified = True`) spares every answer that extra serialisation.
    all[slug] = entry;
    request.session.markModified();
  } else {
    request.session.set(SESSION_KEY, { [slug]: entry });
  }
}

/** Forgets progress in one survey. */
export function dropProgress(request: FastifyRequest, slug: string): void {
  const all = entries(request);
  if (all !== undefined && slug in all) {
    // A dynamic delete on a plain record owned by the session.
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    delete all[slug];
    request.session.markModified();
  }
}

/** The URL of a flow page. */
export function targetUrl(slug: string, target: Target): string {
  switch (target.page) {
    case 'start':
      return `/surveys/${slug}`;
    case 'question':
      return `/surveys/${slug}/questions/${target.qid}`;
    case 'complete':
      return `/surveys/${slug}/complete`;
  }
}
