import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actionLimit, NO_LIMIT, type ActionLimit } from './rate-limit.js';

/**
 * The `RATE_LIMIT` default: new responses (`begin`) per client address per minute. A class of
 * 150 behind one school address, all opening the survey in the same minute and each restarting
 * once, stays under it; one script creating responses (78,000 a minute measured, issue 18)
 * gets 300.
 */
export const DEFAULT_RATE_LIMIT = 300;

/** `begin`s per browser session per minute: a person restarts now and then, a script loops. */
export const BEGINS_PER_SESSION = 10;

/** Failed admin logins per client address, and in all, per {@link LOGIN_WINDOW_MS}. */
export const LOGIN_ATTEMPTS = 10;
export const LOGIN_FAILURES_IN_ALL = 100;
export const LOGIN_WINDOW_MS = 15 * 60_000;

const MINUTE = 60_000;

/**
 * The limits where abuse lives (docs/security.md, "Limits"). Respondents' page views and answers
 * have none: each costs little, the flow bounds them, and a crowd shares one address.
 */
export interface Limits {
  /** Before `begin` creates a response: the session's limit, then the client address's. */
  begin(request: FastifyRequest): Promise<number | undefined>;
  /** Failed admin logins: per client address, and a cap over every address together. */
  readonly loginFailures: { readonly perClient: ActionLimit; readonly inAll: ActionLimit };
}

/**
 * Builds the limits once per app. `perMinute` is `RATE_LIMIT`: new responses per client address
 * per minute; 0 turns every per-client limit off (load tests, trusted networks). The cap on
 * failed logins over all addresses stays, so that even then no one can brute-force the password.
 * `sessionKey` names the request's session (its CSRF token, stable for the session's life).
 */
export function createLimits(
  app: FastifyInstance,
  perMinute: number,
  sessionKey: (request: FastifyRequest) => string,
): Limits {
  const on = perMinute > 0;
  const perClient = (max: number, windowMs: number) =>
    on ? actionLimit(app, { max, windowMs }) : NO_LIMIT;
  const beginPerSession = on
    ? actionLimit(app, { max: BEGINS_PER_SESSION, windowMs: MINUTE, key: sessionKey })
    : NO_LIMIT;
  const beginPerClient = perClient(perMinute, MINUTE);
  return {
    // A session over its own limit does not use up its address's, which others share.
    begin: async (request) =>
      (await beginPerSession.take(request)) ?? (await beginPerClient.take(request)),
    loginFailures: {
      perClient: perClient(LOGIN_ATTEMPTS, LOGIN_WINDOW_MS),
      inAll: actionLimit(app, {
        max: LOGIN_FAILURES_IN_ALL,
        windowMs: LOGIN_WINDOW_MS,
        key: () => 'all',
      }),
    },
  };
}
