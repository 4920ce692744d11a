/**
 * Sessions for Express and Connect: `app.use(sessions(manager))` puts the session on
 * `req.session` and commits it when the response writes its head (see node.ts), exactly once:
 * an oversize session answers with a plain 431 page rather than throwing inside `res.end()`,
 * where Express's error handler would write, commit and throw again until the request hung.
 * It needs no Express types or code: a Connect middleware is `(req, res, next)`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionManager } from '../manager.js';
import type { Session } from '../session.js';
import { attachSession, type NodeSessionOptions } from './node.js';

type Data = Record<string, unknown>;

/** The request as the middleware leaves it: with its session. */
export type RequestWithSession<D extends Data = Data> = IncomingMessage & {
  session: Session<D>;
};

/** Builds the middleware; a load that fails (it cannot, for a cookie manager) goes to `next`. */
export function sessions<D extends Data>(
  manager: SessionManager<D>,
  options: NodeSessionOptions = {},
): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void {
  return (request, response, next) => {
    try {
      (request as RequestWithSession<D>).session = attachSession(
        manager,
        request,
        response,
        options,
      );
    } catch (error) {
      next(error);
      return;
    }
    next();
  };
}

export type { NodeSessionOptions } from './node.js';
