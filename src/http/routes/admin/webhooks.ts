/**
 * Webhooks on the owner's side (issue 17 item 4, docs/decisions/0018): list and add endpoints
 * (the signing secret shown once), and per endpoint its delivery log, a test event, switching
 * it off and on, "Send now" for a delivery that failed or waits, and deleting it (after a
 * confirmation page). Every POST behind the admin session and the CSRF check.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { newWebhookSecret, webhookUrlSchema } from '../../../domain/index.js';
import type { WebhookEndpoint } from '../../../storage/index.js';
import {
  confirmWebhookDeletionPage,
  webhookCreatedPage,
  webhookPage,
  webhooksPage,
  type WebhookForm,
  type WebhookLine,
} from '../../../views/index.js';
import type { AppContext } from '../../context.js';
import { csrfToken, requireCsrf } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';

/** How many deliveries an endpoint's page shows, newest first. */
const LOG_LENGTH = 50;

const createSchema = z.object({ url: z.string().default(''), survey: z.string().default('') });

interface IdParams {
  id: string;
}
interface DeliveryParams extends IdParams {
  delivery: string;
}

/** An endpoint id in plain decimal digits (at most ten), or undefined: no such endpoint. */
const idOf = (raw: string) => (/^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : undefined);

export function webhookRoutes(app: FastifyInstance, context: AppContext): void {
  const { storage } = context;
  const lineOf = (e: WebhookEndpoint): WebhookLine => ({
    id: e.id,
    url: e.url,
    surveyTitle: e.survey === null ? null : (context.surveys.get(e.survey)?.title ?? e.survey),
    createdAt: e.createdAt,
    disabledAt: e.disabledAt,
  });
  const options = () =>
    [...context.surveys.values()].map((s) => ({ slug: s.slug, title: s.title }));
  const list = async (request: FastifyRequest, reply: FastifyReply, form?: WebhookForm) => {
    const endpoints = (await storage.listWebhookEndpoints()).map(lineOf);
    const page = webhooksPage(endpoints, options(), csrfToken(request), form);
    return sendPage(request, reply, page, form === undefined ? 200 : 422);
  };

  app.get('/admin/webhooks', (request, reply) => list(request, reply));

  app.post('/admin/webhooks', { preHandler: requireCsrf }, async (request, reply) => {
    const form = createSchema.safeParse(request.body ?? {});
    const values = form.success ? form.data : { url: '', survey: '' };
    const url = webhookUrlSchema.safeParse(values.url);
    if (!url.success) {
      return list(request, reply, { ...values, error: url.error.issues[0]?.message ?? '' });
    }
    // A survey this server serves, or '' for every survey.
    if (values.survey !== '' && !context.surveys.has(values.survey)) {
      return list(request, reply, { ...values, error: 'Choose a survey from the list.' });
    }
    const secret = newWebhookSecret();
    const createdAt = new Date(context.now());
    const survey = values.survey === '' ? null : values.survey;
    const id = await storage.createWebhookEndpoint({ url: url.data, survey, secret, createdAt });
    const line = lineOf({
      id,
      url: url.data,
      survey,
      secret,
      createdAt: createdAt.toISOString(),
      disabledAt: null,
    });
    return sendPage(request, reply, webhookCreatedPage(line, secret, csrfToken(request)), 201);
  });

  const page = (id: number) => `/admin/webhooks/${id}`;
  const endpointOf = async (raw: string) => {
    const id = idOf(raw);
    return id === undefined ? undefined : storage.getWebhookEndpoint(id);
  };

  app.get<{ Params: IdParams }>('/admin/webhooks/:id', async (request, reply) => {
    const endpoint = await endpointOf(request.params.id);
    if (endpoint === undefined) return sendErrorPage(request, reply, 404);
    const deliveries = await storage.listWebhookDeliveries(endpoint.id, LOG_LENGTH);
    const page = webhookPage(
      lineOf(endpoint),
      deliveries.map((d) => ({ ...d, attempts: d.log })),
      csrfToken(request),
    );
    return sendPage(request, reply, page);
  });

  app.get<{ Params: IdParams }>('/admin/webhooks/:id/delete', async (request, reply) => {
    const endpoint = await endpointOf(request.params.id);
    if (endpoint === undefined) return sendErrorPage(request, reply, 404);
    return sendPage(
      request,
      reply,
      confirmWebhookDeletionPage(lineOf(endpoint), csrfToken(request)),
    );
  });

  app.post<{ Params: DeliveryParams }>(
    '/admin/webhooks/:id/deliveries/:delivery/retry',
    { preHandler: requireCsrf },
    async (request, reply) => {
      const id = idOf(request.params.id);
      const delivery = idOf(request.params.delivery);
      if (id === undefined || delivery === undefined) return sendErrorPage(request, reply, 404);
      const outcome = await storage.retryWebhookDelivery(id, delivery, new Date(context.now()));
      if (outcome === 'none') return sendErrorPage(request, reply, 404);
      if (outcome === 'queued') {
        request.session.flash(`msg_${delivery} is queued to be sent now.`, 'info');
      } else {
        request.session.flash(
          `msg_${delivery} is not sent again: only a delivery that failed or waits for its next try is, and not while it is being sent.`,
          'error',
        );
      }
      return reply.redirect(page(id), 303);
    },
  );

  /** One POST per button: `act` does it, false when there is no such endpoint (404). */
  const action = (
    name: string,
    act: (id: number, at: Date) => Promise<boolean>,
    message: string,
    to: (id: number) => string,
  ) => {
    app.post<{ Params: IdParams }>(
      `/admin/webhooks/:id/${name}`,
      { preHandler: requireCsrf },
      async (request, reply) => {
        const id = idOf(request.params.id);
        const done = id !== undefined && (await act(id, new Date(context.now())));
        if (!done) return sendErrorPage(request, reply, 404);
        request.session.flash(message, 'info');
        return reply.redirect(to(id), 303);
      },
    );
  };
  action(
    'test',
    (id, at) => storage.enqueueWebhookTest(id, at),
    'A test event is queued: it is sent within a few seconds.',
    page,
  );
  action(
    'disable',
    (id, at) => storage.setWebhookEndpointDisabled(id, at),
    'The endpoint is switched off: completed responses are not queued for it.',
    page,
  );
  action(
    'enable',
    (id) => storage.setWebhookEndpointDisabled(id, null),
    'The endpoint is switched on again.',
    page,
  );
  action(
    'delete',
    (id) => storage.deleteWebhookEndpoint(id),
    'The endpoint is deleted, with its delivery log.',
    () => '/admin/webhooks',
  );
}
