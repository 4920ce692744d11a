import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { sendErrorPage } from '../../errors.js';
import { adminSessions, type AdminLifetimes } from './admin-session.js';
import { apiTokenRoutes } from './api-tokens.js';
import { loginRoutes, requireAdmin } from './auth.js';
import { dashboardRoutes } from './dashboard.js';
import { deletionRoutes } from './deletions.js';
import { exportRoutes } from './exports.js';
import { responseRoutes } from './responses.js';
import { publicLinkRoutes } from './public-links.js';
import { resultsJsonRoutes } from './results-json.js';
import { resultRoutes } from './results.js';
import { webhookRoutes } from './webhooks.js';

/**
 * The owners' area under `/admin`. Login and logout are open; everything else, unknown
 * paths included, first checks for an admin session and otherwise redirects to the login.
 * `password` undefined keeps the area closed (no ADMIN_PASSWORD in production).
 */
export async function adminRoutes(
  app: FastifyInstance,
  context: AppContext,
  password: string | undefined,
  sessions: { lifetimes?: AdminLifetimes; now?: () => number } = {},
): Promise<void> {
  const admins = adminSessions(context.storage, sessions.lifetimes, sessions.now);
  await app.register(async (admin) => {
    loginRoutes(admin, password, context.limits, admins);
    await admin.register((guarded, _options, done) => {
      guarded.addHook('preHandler', requireAdmin(admins));
      dashboardRoutes(guarded, context);
      resultRoutes(guarded, context);
      resultsJsonRoutes(guarded, context);
      exportRoutes(guarded, context);
      responseRoutes(guarded, context);
      deletionRoutes(guarded, context);
      publicLinkRoutes(guarded, context);
      apiTokenRoutes(guarded, context);
      webhookRoutes(guarded, context);
      guarded.all('/admin/*', (request, reply) => sendErrorPage(request, reply, 404));
      done();
    });
  });
}
