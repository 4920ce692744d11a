import { availability, capOf, hasWindow, type Availability, type Survey } from '../domain/index.js';
import type { Storage } from '../storage/index.js';

const OPEN: Availability = { kind: 'open' };

/**
 * Whether a response of `survey` (the current file) may begin at `now` (SURVEYS.md §8). A
 * survey without §8's keys is open without a look at anything; one with a cap asks storage
 * whether its places are taken, only once the dates allow a start.
 */
export async function availabilityAt(
  storage: Storage,
  survey: Survey,
  now: number,
): Promise<Availability> {
  if (!hasWindow(survey)) return OPEN;
  const dated = availability(survey, now, false);
  if (dated.kind !== 'open') return dated;
  const cap = capOf(survey);
  return cap !== undefined && (await storage.isFull(cap)) ? { kind: 'full' } : dated;
}
