/**
 * Sessions for the Fetch API: anything that turns a `Request` into a `Response` (Hono, Bun,
 * Deno, Cloudflare-style handlers, undici). The handler runs with the session, then the commit
 * runs once, awaited, before the response leaves, so store-backed managers fit too. A failed
 * commit (a session too large for its cookie, a store that is down) replaces the handler's
 * response with a plain page carrying the error's status (431, 503, else 500).
 *
 * With Hono: `withSession(manager, (request, session) => app.fetch(request, { session }))`,
 * and handlers read `c.env.session`.
 */
import type { Session } from '../session.js';
import type { SessionLayer } from '../stores/store.js';
import { commitOnce, failedOutcome, varyWithCookie } from './commit-once.js';

type Data = Record<string, unknown>;

/** Options of the Fetch adapter. */
export interface FetchSessionOptions {
  /** Mark the cookie `Secure`. Default: when the request URL is `https:`. */
  readonly secure?: boolean;
  /** Hears a failed commit (the response already says so). Default: nothing. */
  readonly onError?: (error: Error, request: Request) => void;
}

/** `response` with the session's headers added; copied first if its headers are immutable. */
function withHeaders(response: Response, setCookie: string | undefined, vary: boolean): Response {
  if (setCookie === undefined && !vary) return response;
  const copy = new Response(response.body, response);
  if (setCookie !== undefined) copy.headers.append('set-cookie', setCookie);
  if (vary) copy.headers.set('vary', varyWithCookie(copy.headers.get('vary') ?? undefined));
  return copy;
}

/** A plain error page for a failed load or commit, with the error's status. */
function failure(error: Error, status: number): Response {
  return new Response(`${String(status)} ${error.message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * Wraps a Fetch handler: `(request) => Promise<Response>`, the session loaded and committed.
 * A store that cannot be reached answers 503 (the handler does not run).
 */
export function withSession<D extends Data>(
  manager: SessionLayer<D>,
  handler: (request: Request, session: Session<D>) => Response | Promise<Response>,
  options: FetchSessionOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    let session: Session<D>;
    try {
      session = await manager.load(request.headers.get('cookie') ?? undefined);
    } catch (error) {
      const outcome = failedOutcome(error);
      options.onError?.(outcome.error, request);
      return failure(outcome.error, outcome.status);
    }
    const response = await handler(request, session);
    const secure = options.secure ?? new URL(request.url).protocol === 'https:';
    const outcome = await commitOnce(manager, session, { secure });
    if (outcome.ok) return withHeaders(response, outcome.header, outcome.vary);
    options.onError?.(outcome.error, request);
    // The handler's body will never be read: release it.
    await response.body?.cancel();
    return failure(outcome.error, outcome.status);
  };
}
