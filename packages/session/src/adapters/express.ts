/**
 * Sessions for Express and Connect: `app.use(sessions(manager))` puts the session on
 * `req.session` and commits it when the response writes its head (see node.ts), exactly once:
 * an oversize session answers with a plain 431 page rather than throwing inside `res.end()`,
 * where Express's error handler would write, commit and throw again until the request hung.
 * It needs no Express types or code: a Connect middleware is `(req, res, next)`. A
 * store-backed manager works too: the commit is awaited before the head (node.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AsyncSessionManager, SessionManager } from '../manager.js';
import type { Session } from '../session.js';
import { attachSession, type NodeSessionOptions } from './node.js';

type Data = Record<string, unknown>;

/** The request as the middleware leaves it: with its session. */
export type RequestWithSession<D extends Data = Data> = IncomingMessage & {
  session: Session<D>;
};

/**
 * Builds the middleware. With a store-backed manager the session is loaded before `next()`,
 * and a store that cannot be reached goes to `next(error)` (a `SessionStoreUnavailable`,
 * `statusCode` 503, which Express's error handler answers with).
 */
export function sessions<D extends Data>(
  manager: SessionManager<D> | AsyncSessionManager<D>,
  options: NodeSessionOptions = {},
): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void {
  return (request, response, next) => {
    const attach = (session: Session<D>) => {
      (request as RequestWithSession<D>).session = session;
      next();
    };
    let loaded: Session<D> | Promise<Session<D>>;
    try {
      loaded = attachSession(manager, request, response, options);
    } catch (error) {
      next(error);
      return;
    }
    if (loaded instanceof Promise) loaded.then(attach, next);
    else attach(loaded);
  };
}

export type { NodeSessionOptions } from './node.js';
