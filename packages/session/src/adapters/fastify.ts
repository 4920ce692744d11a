/**
 * Sessions for Fastify (`canvass/session/fastify`), as a thin shell over the framework-agnostic
 * session layer: load the session from the `Cookie` header when a request arrives, commit it
 * to `Set-Cookie` in `onSend`, which Fastify runs before the response head is written for
 * every payload kind (string, buffer, stream). express-session commits on `res.end` instead,
 * after the head may already be out, and loses the write silently; here a write after the
 * commit is ignored but reported as a `late-write` event (with its stack) to `onEvent`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Session, SessionLayer } from '../index.js';

/** Set on a request once its session is committed. */
const COMMITTED: unique symbol = Symbol('canvass.sessionCommitted');

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `false`: this route never reads the session, so none is loaded (no store round trip:
     * `/healthz` must answer for itself, not fail because the session store is down).
     */
    session?: boolean;
  }
  interface FastifyRequest {
    /** This browser's session, loaded from its cookie before any handler runs. */
    session: Session;
    /** Whether the session was committed (internal to the session plugin). */
    [COMMITTED]: boolean;
  }
}

/** Options of `registerSessions`. */
export interface SessionPluginOptions {
  /** Always mark the cookie `Secure` (behind a TLS proxy); otherwise only over HTTPS. */
  readonly secure?: boolean;
}

/** Adds `Cookie` to `Vary` unless it is already there (or `Vary: *` makes it moot). */
function varyOnCookie(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  if (current === undefined) {
    reply.header('vary', 'Cookie');
    return;
  }
  const text = Array.isArray(current) ? current.join(', ') : String(current);
  if (/(?:^|,)\s*(?:\*|cookie)\s*(?:,|$)/i.test(text)) return;
  reply.header('vary', text === '' ? 'Cookie' : `${text}, Cookie`);
}

/**
 * Registers the session hooks on `app` itself (there is no `fastify-plugin` wrapper, so call
 * it on the instance whose routes need sessions, before they are added):
 * `request.session` is loaded in `onRequest` and committed in `onSend`, which runs before
 * the head is written. Responses whose handler touched the session get `Vary: Cookie`.
 * A `SessionTooLarge` or `SessionStoreUnavailable` (statusCode 503) from either step
 * propagates to the app's error handler. With a schema-typed manager, read the session as
 * `request.session as Session<Data>`.
 */
export function registerSessions<Data extends Record<string, unknown>>(
  app: FastifyInstance,
  manager: SessionLayer<Data>,
  options: SessionPluginOptions = {},
): void {
  app.decorateRequest('session', null as unknown as Session);
  // Fastify's error path runs onSend again for the error page: commit at most once. A flag
  // on the request rather than a WeakSet, whose every add cost an ephemeron-table insert.
  app.decorateRequest(COMMITTED, false);

  // Callback-style hooks: with the cookie manager both steps are synchronous, and a request
  // should not pay for promises it does not need (a store manager returns promises).
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config.session === false) {
      done();
      return;
    }
    const loaded = manager.load(request.headers.cookie);
    if (!(loaded instanceof Promise)) {
      request.session = loaded;
      done();
      return;
    }
    loaded.then((session) => {
      request.session = session;
      done();
    }, done);
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    // Null when the request failed before onRequest ran (e.g. an unparsable URL).
    const session = request.session as Session | null;
    if (session === null || request[COMMITTED]) {
      done(null, payload);
      return;
    }
    request[COMMITTED] = true;
    const secure = options.secure === true || request.protocol === 'https';
    const finish = (header: string | undefined) => {
      if (session.accessed || header !== undefined) varyOnCookie(reply);
      if (header !== undefined) reply.header('set-cookie', header);
      done(null, payload);
    };
    let committing: ReturnType<typeof manager.commit>;
    try {
      committing = manager.commit(session as unknown as Session<Data>, { secure });
    } catch (error) {
      done(error as Error);
      return;
    }
    if (committing instanceof Promise) committing.then(finish, done);
    else finish(committing);
  });
}
