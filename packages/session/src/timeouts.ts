/**
 * Server-side lifetimes. A signed cookie is a bearer token: unless the server checks its age,
 * a copied cookie works forever (cookie-session and React Router never expire one on the
 * server, and sessions that never expire have been the subject of several CVEs).
 * So the signed payload carries two times under one reserved key:
 *
 *     "_canvass_t": [created, seen]     whole seconds since the epoch
 *
 * `created` is when the session began (or was regenerated): the absolute lifetime counts
 * from it. `seen` is when the cookie was last re-issued for activity: the idle lifetime
 * counts from it. Flask ignores the key (and keeps it when it re-writes the session), so
 * `flask` mode stays interoperable; a cookie without it (written by Flask) counts from its
 * signing time. The cookie is re-issued for activity only in the last half of the idle
 * window, not on every request (see `refreshDue`).
 */
import type { ExpiryKind } from './events.js';
import type { SessionData } from './session-data.js';

/** The reserved payload key that holds `[created, seen]`. */
export const TIMES_KEY = '_canvass_t';

/** When a session began and when it was last seen, in seconds. */
export interface SessionTimes {
  readonly created: number;
  readonly seen: number;
}

/** The two lifetimes, in seconds. */
export interface Lifetimes {
  readonly absolute: number;
  readonly idle: number;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Removes the times from a loaded dictionary and returns them; `carried` says whether the
 * payload had them (a Flask-written cookie has not: both times are its signing time).
 */
export function takeTimes(
  data: SessionData,
  issuedAt: number,
): { times: SessionTimes; carried: boolean } {
  const stored = data[TIMES_KEY];
  if (stored === undefined) return { times: { created: issuedAt, seen: issuedAt }, carried: false };
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
  delete data[TIMES_KEY];
  // Indexed rather than `every` and destructuring: the array is often a frozen shared one
  // (shared-data.ts), and iterating it cost every request an iterator.
  const pair: unknown[] = Array.isArray(stored) && stored.length === 2 ? stored : [];
  const created = pair[0];
  const seen = pair[1];
  if (isTime(created) && isTime(seen)) {
    return { times: { created, seen: Math.max(created, seen) }, carried: true };
  }
  // Only a key of ours signed this; an unreadable value is a foreign writer's: be strict.
  return { times: { created: 0, seen: 0 }, carried: true };
}

/** Which lifetime is over at `now`, if any. */
export function expiredBy(
  times: SessionTimes,
  now: number,
  lifetimes: Lifetimes,
): { which: ExpiryKind; detail: string } | undefined {
  if (now - times.created > lifetimes.absolute) {
    return { which: 'absolute', detail: `created ${now - times.created} s ago` };
  }
  if (now - times.seen > lifetimes.idle) {
    return { which: 'idle', detail: `last seen ${now - times.seen} s ago` };
  }
  return undefined;
}

/** The moment the session dies unless it is seen again: the earlier of the two deadlines. */
export function deadline(times: SessionTimes, lifetimes: Lifetimes): number {
  return Math.min(times.created + lifetimes.absolute, times.seen + lifetimes.idle);
}

/**
 * Whether an unchanged session should be re-issued to record activity: it has been
 * `refreshAfter` seconds since it was last seen, and re-issuing would actually push its
 * deadline (not when the absolute lifetime is the binding one).
 */
export function refreshDue(
  times: SessionTimes,
  now: number,
  lifetimes: Lifetimes,
  refreshAfter: number,
): boolean {
  if (now - times.seen < refreshAfter) return false;
  return deadline({ created: times.created, seen: now }, lifetimes) > deadline(times, lifetimes);
}

/** The payload form of the times. */
export function timesEntry(times: SessionTimes): SessionData {
  return { [TIMES_KEY]: [times.created, times.seen] };
}
