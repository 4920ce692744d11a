import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Session } from '@canvass/session';

/**
 * A response that read the session, or sets its cookie, is one browser's own: no shared cache
 * may keep it (RFC 9111 §5.2.2.7 `private`), and none of them should be stored at all, since a
 * back button must not show a form whose answer was already given. Pages already say
 * `private, no-store`; this covers the rest (guard redirects, 303s after a POST). The session
 * plugin adds `Vary: Cookie` to the same responses. Register it after the session plugin, so
 * its `onSend` sees the `Set-Cookie` the session commit added.
 */
export function registerPrivateCaching(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const session = (request as Partial<FastifyRequest>).session as Session | null | undefined;
    const personal = session?.accessed === true || reply.hasHeader('set-cookie');
    if (personal && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'private, no-store');
    }
    done(null, payload);
  });
}
