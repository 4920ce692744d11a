/**
 * Admin sessions that can be ended (issue 18). The session's `admin` key holds a marker
 * `{ id, at, seen }`: a random login id, the login time and the last admin request (seconds).
 * An admin request is honoured only while
 *
 * - the login is younger than the absolute lifetime and was seen within the idle lifetime
 *   (both much shorter than a respondent's 30 days: an admin session opens every response), and
 * - the database still holds the login's row (`admin_sessions`): logout deletes it, so a copy
 *   of the cookie taken before logout opens nothing afterwards, even with cookie sessions,
 *   where the cookie itself cannot be recalled.
 *
 * Only admin requests pay for the lookup; respondents' pages never read the marker.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Storage } from '../../../storage/index.js';
import { adminMarkerSchema as markerSchema } from '../../session-keys.js';

/** Lifetimes of an admin session, in seconds. */
export interface AdminLifetimes {
  /** Without an admin request for this long, the session is logged out. */
  readonly idle: number;
  /** This long after login, the session is logged out whatever its activity. */
  readonly absolute: number;
}

/** 30 minutes idle, 12 hours in all (`ADMIN_SESSION_IDLE_TIMEOUT`, `ADMIN_SESSION_MAX_AGE`). */
export const DEFAULT_ADMIN_LIFETIMES: AdminLifetimes = { idle: 30 * 60, absolute: 12 * 3600 };

/** The session key of the marker. */
const ADMIN_KEY = 'admin';

/**
 * `seen` is moved on at most once a minute, so a burst of admin pages re-issues the cookie
 * once rather than on every response; the idle deadline is exact to that minute.
 */
const SEEN_GRANULARITY = 60;

/** What the session's admin key says. */
export type AdminMarker = z.infer<typeof markerSchema>;

/** The admin-session rules of one app: its storage, lifetimes and clock. */
export interface AdminSessions {
  /**
   * Whether this request's session belongs to a logged-in owner now. A marker that is
   * unreadable, expired or ended is removed from the session (expiry also ends the login).
   */
  verify(request: FastifyRequest): Promise<boolean>;
  /** Records a new login and returns the marker to put in the (rotated) session. */
  start(): Promise<AdminMarker>;
  /** Ends this session's login, if it has one (logout). */
  end(request: FastifyRequest): Promise<void>;
}

/** Builds the admin-session rules; `now` is the clock in milliseconds (`Date.now`). */
export function adminSessions(
  storage: Storage,
  lifetimes: AdminLifetimes = DEFAULT_ADMIN_LIFETIMES,
  now: () => number = Date.now,
): AdminSessions {
  const seconds = () => Math.floor(now() / 1000);
  const marker = (request: FastifyRequest) => {
    const parsed = markerSchema.safeParse(request.session.get(ADMIN_KEY));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    async verify(request) {
      if (!request.session.has(ADMIN_KEY)) return false;
      const found = marker(request);
      const at = seconds();
      if (found === undefined) {
        // E.g. `admin: true` from before admin logins were recorded: log in again.
        request.session.delete(ADMIN_KEY);
        return false;
      }
      if (at - found.at >= lifetimes.absolute || at - found.seen >= lifetimes.idle) {
        await storage.endAdminSession(found.id);
        request.session.delete(ADMIN_KEY);
        request.session.flash('Your admin session has expired. Please log in again.', 'info');
        return false;
      }
      if (!(await storage.isAdminSessionActive(found.id, new Date(at * 1000)))) {
        request.session.delete(ADMIN_KEY);
        return false;
      }
      if (at - found.seen >= SEEN_GRANULARITY) {
        request.session.set(ADMIN_KEY, { ...found, seen: at });
      }
      return true;
    },
    async start() {
      const at = seconds();
      const id = randomBytes(24).toString('base64url');
      const createdAt = new Date(at * 1000);
      const expiresAt = new Date((at + lifetimes.absolute) * 1000);
      await storage.createAdminSession({ id, createdAt, expiresAt });
      return { id, at, seen: at };
    },
    async end(request) {
      const found = marker(request);
      if (found !== undefined) await storage.endAdminSession(found.id);
    },
  };
}
