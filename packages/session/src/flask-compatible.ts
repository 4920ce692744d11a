/**
 * `flaskCompatible: true`: the manager writes exactly what Flask 3.1's
 * `SecureCookieSessionInterface` writes, so a Flask app and a Node app can share one cookie
 * with neither seeing the other's bookkeeping (issue 19).
 *
 * - No `_canvass_t`: the payload is the session dict and nothing else.
 * - Flask's defaults: cookie `session`, `HttpOnly; Path=/`, no `SameSite`, not `Secure`;
 *   sessions are not permanent unless made so (`_permanent`), and a permanent cookie carries
 *   `Expires` = signing time + lifetime (31 days) and no `Max-Age`.
 * - Flask's refresh rule (`SESSION_REFRESH_EACH_REQUEST`): a permanent session is re-signed on
 *   every response, a browser-session one only when it changed.
 *
 * Lifetimes: the idle timeout runs from the cookie's itsdangerous timestamp, which is the
 * last time either side signed it. Flask re-signs a permanent session on every request, so
 * activity on the Flask side pushes the idle deadline for Node too, and the reverse. There is
 * no absolute lifetime: Flask's cookie holds no creation time, so `absoluteTimeout` is refused
 * with this option rather than silently not enforced.
 */
import { shown } from './option-checks.js';
import type { SessionData } from './session-data.js';
import type { SessionTimes } from './timeouts.js';
import { TIMES_KEY } from './timeouts.js';

/** Flask's `PERMANENT_SESSION_LIFETIME` default: 31 days, in seconds. */
export const FLASK_LIFETIME = 31 * 24 * 60 * 60;

/** The options `flaskCompatible` cannot go with, and why. */
const CONFLICTS: Readonly<Record<string, string>> = {
  absoluteTimeout: "Flask's cookie carries no creation time to measure it from",
  store: "Flask's cookie holds the session data, not a store id",
  encryption: 'Flask reads only the signed format',
};

/** Throws a `TypeError` naming an option that cannot go with `flaskCompatible`. */
export function checkFlaskCompatible(options: Readonly<Record<string, unknown>>): void {
  for (const [name, why] of Object.entries(CONFLICTS)) {
    if (options[name] !== undefined) {
      throw new TypeError(`Session option ${name} cannot be used with flaskCompatible: ${why}`);
    }
  }
  if (options.mode !== undefined && options.mode !== 'flask') {
    throw new TypeError(
      `Session option mode must be 'flask' with flaskCompatible (got ${shown(options.mode)})`,
    );
  }
}

/**
 * The times of a cookie read in flask-compatible mode: both are its signing time. A
 * `_canvass_t` left by a manager without the option is dropped (the next write leaves it out).
 */
export function flaskTimes(data: SessionData, issuedAt: number): SessionTimes {
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- null-prototype dict
  if (TIMES_KEY in data) delete data[TIMES_KEY];
  return { created: issuedAt, seen: issuedAt };
}
