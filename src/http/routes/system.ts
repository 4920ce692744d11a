import type { FastifyInstance } from 'fastify';
import { stylesheet } from '../../views/index.js';
import type { AppContext } from '../context.js';

/**
 * What `/healthz` checks besides the database, by name: each resolves whether that dependency
 * answers now and never rejects (e.g. `{ redis: () => store.ping() }` when sessions live in
 * Redis, since no page works without it).
 */
export type HealthChecks = Readonly<Record<string, () => Promise<boolean>>>;

/**
 * Health check and the static stylesheet: neither touches the session. `/healthz` is
 * `200 {"status":"ok"}` when every dependency answers, else `503` naming the ones that do not,
 * e.g. `{"status":"unavailable","down":["redis"]}`, so the operator knows where to look.
 */
export function systemRoutes(
  app: FastifyInstance,
  { storage }: AppContext,
  checks: HealthChecks = {},
): void {
  const named = Object.entries({ database: () => storage.ping(), ...checks });
  app.get('/healthz', { config: { session: false } }, async (_request, reply) => {
    const answers = await Promise.all(named.map(([, ping]) => ping()));
    const down = named.filter((_, i) => !answers[i]).map(([name]) => name);
    reply.code(down.length === 0 ? 200 : 503).header('cache-control', 'no-store');
    return reply.send(down.length === 0 ? { status: 'ok' } : { status: 'unavailable', down });
  });

  // Content-hashed name: a changed stylesheet gets a new URL, so caching forever is safe.
  app.get(stylesheet.path, { config: { session: false } }, (_request, reply) =>
    reply
      .type(stylesheet.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(stylesheet.body),
  );
}
