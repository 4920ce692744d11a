/**
 * Public results links on the owner's side (issue 17 item 6): `POST` makes one and shows it
 * once (only its hash is stored, as resume links keep theirs), `POST …/revoke` closes one. Both
 * behind the admin session and the CSRF check.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicLinkExpiry } from '../../../domain/index.js';
import { errorPage, MAX_PUBLIC_LINK_DAYS, publicLinkCreatedPage } from '../../../views/index.js';
import type { AppContext, SlugParams } from '../../context.js';
import { csrfToken, requireCsrf } from '../../csrf.js';
import { sendErrorPage } from '../../errors.js';
import { sendPage } from '../../render.js';
import { absoluteUrl, newResumeToken } from '../../resume-links.js';
import { selectVersion } from './selection.js';

/** The create form: `days` empty (never expires) or a whole number; `texts=1` when ticked. */
const createSchema = z.object({
  days: z
    .string()
    .trim()
    .regex(/^([0-9]{1,5})?$/)
    .optional()
    .transform((d) => (d === undefined || d === '' ? undefined : Number(d)))
    .refine((d) => d === undefined || (d >= 1 && d <= MAX_PUBLIC_LINK_DAYS)),
  texts: z.literal('1').optional(),
});

interface LinkParams extends SlugParams {
  hash: string;
}

/** A stored hash: base64url SHA-256, 43 characters. Anything else names no link. */
const HASH_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function publicLinkRoutes(app: FastifyInstance, context: AppContext): void {
  const { storage } = context;
  app.post<{ Params: SlugParams }>(
    '/admin/surveys/:slug/public-links',
    { preHandler: requireCsrf },
    async (request, reply) => {
      const { slug } = request.params;
      // Archived surveys too: their results stay readable (issue 16).
      const selected = await selectVersion(context, slug, undefined);
      if (selected === undefined) return sendErrorPage(request, reply, 404);
      const form = createSchema.safeParse(request.body ?? {});
      if (!form.success) return sendBadExpiry(request, reply);
      // Tokens are made as resume links' are: 256 random bits, base64url, stored as SHA-256.
      const { token, hash } = newResumeToken();
      const createdAt = new Date(context.now());
      const expiresAt = publicLinkExpiry(createdAt, form.data.days);
      const texts = form.data.texts === '1';
      await storage.createPublicLink({
        hash,
        survey: slug,
        createdAt,
        ...(expiresAt === undefined ? {} : { expiresAt }),
        texts,
      });
      const url = absoluteUrl(request, `/results/${token}`);
      const page = publicLinkCreatedPage({
        survey: selected.survey,
        url,
        expiresAt,
        texts,
        csrf: csrfToken(request),
      });
      return sendPage(request, reply, page, 201);
    },
  );

  app.post<{ Params: LinkParams }>(
    '/admin/surveys/:slug/public-links/:hash/revoke',
    { preHandler: requireCsrf },
    async (request, reply) => {
      const { slug, hash } = request.params;
      const revoked =
        HASH_SHAPE.test(hash) &&
        (await storage.revokePublicLink(slug, hash, new Date(context.now())));
      if (!revoked) return sendErrorPage(request, reply, 404);
      request.session.flash('The public link is revoked: it no longer opens the results.', 'info');
      return reply.redirect(`/admin/surveys/${slug}#public-link`, 303);
    },
  );
}

/** An expiry that is not a whole number of days in range: a 422 that says what to give. */
function sendBadExpiry(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const page = errorPage(
    422,
    'That expiry is not valid',
    `Give a whole number of days from 1 to ${MAX_PUBLIC_LINK_DAYS}, or leave it empty for a link that works until you revoke it.`,
  );
  return sendPage(request, reply, page, 422);
}
