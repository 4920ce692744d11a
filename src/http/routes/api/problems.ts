/**
 * The read API's errors (issue 17 item 5): each has a stable `code`, one HTTP status and a
 * title, and goes out as an RFC 9457 problem document, `application/problem+json`:
 * `{ type: "about:blank", title, status, detail, code }`. `title` is the status's phrase (what
 * RFC 9457 §4.2.1 asks of `about:blank`), `detail` says what was wrong with this request, and
 * `code` is what a client branches on. docs/openapi.yaml lists the same codes (a test pins it).
 */
import type { FastifyReply } from 'fastify';

export const API_ERRORS = {
  bad_request: { status: 400, title: 'Bad Request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not Found' },
  invalid_parameters: { status: 422, title: 'Unprocessable Content' },
  rate_limited: { status: 429, title: 'Too Many Requests' },
  internal: { status: 500, title: 'Internal Server Error' },
  unavailable: { status: 503, title: 'Service Unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** The realm every `WWW-Authenticate` challenge names (RFC 6750 §3). */
const REALM = 'Bearer realm="canvass"';

/**
 * The challenge of a 401 or 403 (RFC 6750 §3.1): none of the token's own `error` without any
 * credentials, `invalid_token` for one that opens nothing, `insufficient_scope` for one that
 * may not read what was asked.
 */
export function bearerChallenge(error?: 'invalid_token' | 'insufficient_scope'): string {
  return error === undefined ? REALM : `${REALM}, error="${error}"`;
}

/** Sends the problem document of `code` with `detail`. */
export function sendProblem(reply: FastifyReply, code: ApiErrorCode, detail: string): FastifyReply {
  const { status, title } = API_ERRORS[code];
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail, code }));
}

/** The code of a status Canvass answers with outside the routes (a framework error). */
export function codeOfStatus(status: number): ApiErrorCode {
  const found = Object.entries(API_ERRORS).find(([, e]) => e.status === status)?.[0];
  if (found !== undefined) return found as ApiErrorCode;
  return status >= 500 ? 'internal' : 'bad_request';
}
