/**
 * Sessions for `node:http` (and anything built on its request/response pair). The session is
 * committed at the last moment the head can still change: when the response writes its head,
 * which `res.end()` and the first `res.write()` do implicitly. The commit runs exactly once;
 * if it fails (a session too large for its cookie) the response becomes a plain error page
 * with the error's status (431 for `SessionTooLarge`, else 500) instead of the handler's, and
 * `onError` hears why, so nothing is thrown inside `res.end()` and the request cannot hang.
 *
 * The head is written synchronously, so these adapters need a synchronous (cookie) manager;
 * a store-backed one fits the Fetch and Fastify adapters, which can wait before the head.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { SessionManager } from '../manager.js';
import type { Session } from '../session.js';
import { type CommitOutcome, commitOnce, varyWithCookie } from './commit-once.js';

type Data = Record<string, unknown>;

/** Options of the node:http and Express adapters. */
export interface NodeSessionOptions {
  /**
   * Mark the cookie `Secure`: `true` always (behind a TLS proxy), or a function of the
   * request. Default: when the connection itself is TLS.
   */
  readonly secure?: boolean | ((request: IncomingMessage) => boolean);
  /** Hears a failed commit (the response already says so). Default: nothing. */
  readonly onError?: (error: Error, request: IncomingMessage) => void;
}

function isSecure(options: NodeSessionOptions, request: IncomingMessage): boolean {
  const { secure } = options;
  if (typeof secure === 'function') return secure(request);
  if (secure !== undefined) return secure;
  return (request.socket as { encrypted?: boolean }).encrypted === true;
}

/** The response's own methods, bound, as the adapter calls them underneath its wrappers. */
interface Originals {
  readonly writeHead: (...args: unknown[]) => ServerResponse;
  readonly write: (...args: unknown[]) => boolean;
  readonly end: (...args: unknown[]) => ServerResponse;
}

/** Sends the failed commit's plain error page in place of whatever the handler meant to send. */
function sendFailure(
  response: ServerResponse,
  outcome: CommitOutcome & { ok: false },
  raw: Originals,
): void {
  const body = `${String(outcome.status)} ${outcome.error.message}\n`;
  for (const name of response.getHeaderNames()) response.removeHeader(name);
  raw.writeHead(outcome.status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  raw.end(body);
}

/**
 * Loads `request`'s session and arranges for `response` to commit it just before its head is
 * written. Returns the session to hand to the handler.
 */
export function attachSession<D extends Data>(
  manager: SessionManager<D>,
  request: IncomingMessage,
  response: ServerResponse,
  options: NodeSessionOptions = {},
): Session<D> {
  const session = manager.load(request.headers.cookie);
  const raw: Originals = {
    writeHead: response.writeHead.bind(response) as Originals['writeHead'],
    write: response.write.bind(response) as Originals['write'],
    end: response.end.bind(response) as Originals['end'],
  };
  let outcome: CommitOutcome | undefined;

  /** Commits once; false when it failed and the error page has been sent instead. */
  const commit = (): boolean => {
    if (outcome !== undefined) return outcome.ok;
    // The node adapters take a synchronous manager, so the outcome is never a promise.
    outcome = commitOnce(manager, session, { secure: isSecure(options, request) }) as CommitOutcome;
    if (!outcome.ok) {
      options.onError?.(outcome.error, request);
      sendFailure(response, outcome, raw);
      return false;
    }
    if (outcome.vary) {
      const vary = response.getHeader('vary');
      response.setHeader('vary', varyWithCookie(vary === undefined ? undefined : String(vary)));
    }
    if (outcome.header !== undefined) response.appendHeader('set-cookie', outcome.header);
    return true;
  };

  // Own properties shadow the prototype's methods for this one response.
  response.writeHead = (...args: unknown[]) =>
    commit() && !response.headersSent ? raw.writeHead(...args) : response;
  response.write = ((...args: unknown[]) =>
    commit() ? raw.write(...args) : true) as ServerResponse['write'];
  response.end = ((...args: unknown[]) =>
    commit() ? raw.end(...args) : response) as ServerResponse['end'];
  return session;
}

/** A request handler that receives the session as its third argument. */
export type SessionHandler<D extends Data> = (
  request: IncomingMessage,
  response: ServerResponse,
  session: Session<D>,
) => unknown;

/**
 * Wraps `handler` for `http.createServer`: each request gets its session, committed when the
 * response writes its head. A handler that throws or rejects before responding gets a plain
 * 500, so no request is left hanging.
 */
export function withSession<D extends Data>(
  manager: SessionManager<D>,
  handler: SessionHandler<D>,
  options: NodeSessionOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const fail = (error: unknown) => {
      options.onError?.(error instanceof Error ? error : new Error(String(error)), request);
      if (!response.headersSent) {
        const headers: OutgoingHttpHeaders = { 'content-type': 'text/plain; charset=utf-8' };
        response.writeHead(500, headers).end('500 Internal Server Error\n');
      } else response.destroy();
    };
    try {
      const session = attachSession(manager, request, response, options);
      const result = handler(request, response, session);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}
