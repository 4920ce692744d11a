/**
 * API tokens on the owner's side (issue 17 item 5): `GET /admin/tokens` lists them with the
 * create form; `POST` makes one and shows it once (only its hash is stored); `POST …/revoke`
 * closes one. Both POSTs behind the admin session and the CSRF check, and both recorded in the
 * audit log in the same transaction as the row (storage/api-tokens.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiToken } from '../../../storage/index.js';
import {
  apiTokenCreatedPage,
  apiTokensPage,
  MAX_TOKEN_NAME,
  type TokenFormState,
} from '../../../views/index.js';
import { newApiToken } from '../../api-tokens.js';
import type { AppContext } from '../../context.js';
import { csrfToken, requireCsrf } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import { surveyOverviews } from './dashboard.js';
import { idSchema } from './responses.js';

/** The create form's fields; `survey` empty reads every survey. */
const formSchema = z.object({
  name: z.string().optional(),
  survey: z.string().optional(),
});

interface TokenParams {
  id: string;
}

/** What a token reads, in the audit log's words. */
function reads(survey: string | null): string {
  return survey === null ? 'all surveys' : `survey ${survey}`;
}

export function apiTokenRoutes(app: FastifyInstance, context: AppContext): void {
  const { storage } = context;

  /** The page, with the create form as sent when it had problems (422). */
  const sendTokensPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: TokenFormState,
  ) => {
    const [tokens, surveys] = await Promise.all([
      storage.listApiTokens(),
      surveyOverviews(context),
    ]);
    const page = apiTokensPage({
      tokens,
      surveys,
      csrf: csrfToken(request),
      ...(form && { form }),
    });
    return sendPage(request, reply, page, form === undefined ? 200 : 422);
  };

  app.get('/admin/tokens', (request, reply) => sendTokensPage(request, reply));

  app.post('/admin/tokens', { preHandler: requireCsrf }, async (request, reply) => {
    const sent = formSchema.safeParse(request.body ?? {});
    const name = sent.success ? (sent.data.name ?? '').trim() : '';
    const survey = sent.success ? (sent.data.survey ?? '') : '';
    const known = (await surveyOverviews(context)).some((s) => s.slug === survey);
    const errors: TokenFormState['errors'] = {
      ...(name === '' || name.length > MAX_TOKEN_NAME
        ? { name: `Give the token a name of 1 to ${MAX_TOKEN_NAME} characters.` }
        : {}),
      ...(survey !== '' && !known ? { survey: 'Choose a survey from the list.' } : {}),
    };
    if (Object.keys(errors).length > 0) {
      return sendTokensPage(request, reply, { name, survey, errors });
    }
    const { token, hash } = newApiToken();
    const scope = survey === '' ? null : survey;
    await storage.createApiToken({
      hash,
      name,
      survey: scope,
      createdAt: new Date(context.now()),
      detail: (id) => `API token #${id} “${name}” (reads ${reads(scope)})`,
    });
    const page = apiTokenCreatedPage({ name, survey: scope, token, csrf: csrfToken(request) });
    return sendPage(request, reply, page, 201);
  });

  app.post<{ Params: TokenParams }>(
    '/admin/tokens/:id/revoke',
    { preHandler: requireCsrf },
    async (request, reply) => {
      const id = idSchema.safeParse(request.params.id);
      if (!id.success) return sendErrorPage(request, reply, 404);
      const revoked = await storage.revokeApiToken({
        id: id.data,
        at: new Date(context.now()),
        detail: (t: ApiToken) => `API token #${t.id} “${t.name}” (reads ${reads(t.survey)})`,
      });
      if (revoked === undefined) {
        // A re-sent form finds it revoked already: nothing to do, and no second audit entry.
        const known = (await storage.listApiTokens()).find((t) => t.id === id.data);
        if (known === undefined) return sendErrorPage(request, reply, 404);
      }
      request.session.flash(
        revoked === undefined
          ? 'That token was already revoked.'
          : `The token “${revoked.name}” is revoked: it no longer opens the API.`,
        'info',
      );
      return reply.redirect('/admin/tokens', 303);
    },
  );
}
