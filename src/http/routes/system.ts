import type { FastifyInstance } from 'fastify';
import { stylesheet } from '../../views/index.js';
import type { AppContext } from '../context.js';

/** Health check and the static stylesheet: neither touches the session. */
export function systemRoutes(app: FastifyInstance, { storage }: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    const ok = await storage.ping();
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'unavailable' });
  });

  // Content-hashed name: a changed stylesheet gets a new URL, so caching forever is safe.
  app.get(stylesheet.path, (_request, reply) =>
    reply
      .type(stylesheet.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(stylesheet.body),
  );
}
