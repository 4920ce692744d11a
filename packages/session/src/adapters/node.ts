/**
 * Sessions for `node:http` (and anything built on its request/response pair). The session is
 * committed at the last moment the head can still change: when the response writes its head,
 * which `res.end()` and the first `res.write()` do implicitly. The commit runs exactly once;
 * if it fails (a session too large for its cookie) the response becomes a plain error page
 * with the error's status (431 for `SessionTooLarge`, else 500) instead of the handler's, and
 * `onError` hears why, so nothing is thrown inside `res.end()` and the request cannot hang.
 *
 * With a store-backed manager the session is loaded (awaited) before the handler runs, and
 * the commit, which must reach the store before the head may say anything, is awaited where
 * the head would be written: the calls that would write it (`writeHead`, `write`, `end`) are
 * held, in order, until the commit is done, then made. A store that cannot be reached answers
 * 503 (on load, before the handler; on commit, in place of the handler's response).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { AsyncSessionManager, SessionManager } from '../manager.js';
import type { Session } from '../session.js';
import type { SessionLayer } from '../stores/store.js';
import { type CommitOutcome, commitOnce, failedOutcome, varyWithCookie } from './commit-once.js';

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

/** The response's methods as they are now, bound to it. */
function originals(response: ServerResponse): Originals {
  return {
    writeHead: response.writeHead.bind(response) as Originals['writeHead'],
    write: response.write.bind(response) as Originals['write'],
    end: response.end.bind(response) as Originals['end'],
  };
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
 * written. Returns the session to hand to the handler (a promise of it with a store).
 */
export function attachSession<D extends Data>(
  manager: SessionManager<D>,
  request: IncomingMessage,
  response: ServerResponse,
  options?: NodeSessionOptions,
): Session<D>;
export function attachSession<D extends Data>(
  manager: AsyncSessionManager<D> | SessionLayer<D>,
  request: IncomingMessage,
  response: ServerResponse,
  options?: NodeSessionOptions,
): Session<D> | Promise<Session<D>>;
export function attachSession<D extends Data>(
  manager: SessionLayer<D>,
  request: IncomingMessage,
  response: ServerResponse,
  options: NodeSessionOptions = {},
): Session<D> | Promise<Session<D>> {
  const loading = manager.load(request.headers.cookie);
  const hook = (session: Session<D>) => {
    commitBeforeHead(manager, session, request, response, options);
    return session;
  };
  return loading instanceof Promise ? loading.then(hook) : hook(loading);
}

/** Wraps the response's head-writing methods so that the session is committed once, first. */
function commitBeforeHead<D extends Data>(
  manager: SessionLayer<D>,
  session: Session<D>,
  request: IncomingMessage,
  response: ServerResponse,
  options: NodeSessionOptions,
): void {
  const raw = originals(response);
  let outcome: CommitOutcome | undefined;
  /** Calls held while a store-backed commit is under way, made in order once it is done. */
  let held: (() => unknown)[] | undefined;

  /** Records the outcome; false when it failed and the error page has been sent instead. */
  const settle = (result: CommitOutcome): boolean => {
    outcome = result;
    if (!result.ok) {
      options.onError?.(result.error, request);
      sendFailure(response, result, raw);
      return false;
    }
    if (result.vary) {
      const vary = response.getHeader('vary');
      response.setHeader('vary', varyWithCookie(vary === undefined ? undefined : String(vary)));
    }
    if (result.header !== undefined) response.appendHeader('set-cookie', result.header);
    return true;
  };

  /**
   * Makes `call` once the commit is done (committing first if nobody has), or returns
   * `instead` when the commit failed or is still under way (then `call` waits its turn).
   */
  const afterCommit = <T>(call: () => T, instead: T): T => {
    if (outcome !== undefined) return outcome.ok ? call() : instead;
    if (held !== undefined) {
      held.push(call);
      return instead;
    }
    const committing = commitOnce(manager, session, { secure: isSecure(options, request) });
    if (!(committing instanceof Promise)) return settle(committing) ? call() : instead;
    const calls = (held = [call]);
    void committing.then((result) => {
      held = undefined;
      if (settle(result)) for (const next of calls) next();
    });
    return instead;
  };

  // Own properties shadow the prototype's methods for this one response. A held `write`
  // answers true: its chunk is kept in memory, as a socket's buffer would keep it.
  response.writeHead = (...args: unknown[]) =>
    afterCommit(() => (response.headersSent ? response : raw.writeHead(...args)), response);
  response.write = ((...args: unknown[]) =>
    afterCommit(() => raw.write(...args), true)) as ServerResponse['write'];
  response.end = ((...args: unknown[]) =>
    afterCommit(() => raw.end(...args), response)) as ServerResponse['end'];
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
  manager: SessionLayer<D>,
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
    const run = (session: Session<D>) => {
      const result = handler(request, response, session);
      if (result instanceof Promise) result.catch(fail);
    };
    try {
      const session = attachSession(manager, request, response, options);
      if (!(session instanceof Promise)) {
        run(session);
        return;
      }
      // A store that cannot be reached: 503 before the handler runs (its response is untouched).
      session.then(
        (loaded) => {
          try {
            run(loaded);
          } catch (error) {
            fail(error);
          }
        },
        (error: unknown) => {
          const outcome = failedOutcome(error);
          options.onError?.(outcome.error, request);
          sendFailure(response, outcome, originals(response));
        },
      );
    } catch (error) {
      fail(error);
    }
  };
}
