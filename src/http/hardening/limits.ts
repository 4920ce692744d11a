import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  API_REQUESTS_PER_MINUTE,
  BEGINS_PER_SESSION,
  LOGIN_ATTEMPTS,
  LOGIN_FAILURES_IN_ALL,
  LOGIN_WINDOW_MS,
  PUBLIC_RESULTS_PER_MINUTE,
  RESUME_LINKS_PER_SESSION,
  RESUME_LOOKUPS_PER_MINUTE,
} from './limit-values.js';
import { actionLimit, NO_LIMIT, type ActionLimit } from './rate-limit.js';

const MINUTE = 60_000;

/**
 * The limits where abuse lives (docs/security.md, "Limits"). Respondents' page views and answers
 * have none: each costs little, the flow bounds them, and a crowd shares one address.
 */
export interface Limits {
  /** Before `begin` creates a response: the session's limit, then the client address's. */
  begin(request: FastifyRequest): Promise<number | undefined>;
  /** Before a resume link is made (a stored row): the session's limit. */
  readonly resumeLink: ActionLimit;
  /** Before a resume link's token is looked up: the client address's limit. */
  readonly resumeLookup: ActionLimit;
  /** Before a public results link's token is looked up: the client address's limit. */
  readonly publicResults: ActionLimit;
  /** Before a read API request's token is looked up: the client address's limit. */
  readonly api: ActionLimit;
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
    resumeLink: on
      ? actionLimit(app, { max: RESUME_LINKS_PER_SESSION, windowMs: MINUTE, key: sessionKey })
      : NO_LIMIT,
    resumeLookup: perClient(RESUME_LOOKUPS_PER_MINUTE, MINUTE),
    publicResults: perClient(PUBLIC_RESULTS_PER_MINUTE, MINUTE),
    api: perClient(API_REQUESTS_PER_MINUTE, MINUTE),
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
