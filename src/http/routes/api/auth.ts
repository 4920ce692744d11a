import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiToken } from '../../../storage/index.js';
import { StorageUnavailable } from '../../../storage/index.js';
import { bearerToken, hashApiToken, isApiToken } from '../../api-tokens.js';
import type { AppContext } from '../../context.js';
import { requestLog } from '../../logging.js';
import { bearerChallenge, sendProblem } from './problems.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token the request carries, once `requireToken` has accepted it. */
    apiToken: ApiToken | null;
  }
}

/** "Last used" is written at most this often per token: a busy client is not a write each. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The API's preHandler: counts the request against the client address's limit (before any
 * lookup, so guessing costs as much as asking), then accepts only a Bearer token that is
 * stored and not revoked (401 with a `WWW-Authenticate` challenge otherwise), and notes when
 * it was last used.
 */
export function requireToken(context: AppContext) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    const wait = await context.limits.api.take(request);
    if (wait !== undefined) {
      reply.header('retry-after', String(wait));
      return sendProblem(reply, 'rate_limited', `Too many requests: try again in ${wait} s.`);
    }
    const sent = bearerToken(request.headers.authorization);
    if (sent === undefined) {
      reply.header('www-authenticate', bearerChallenge());
      return sendProblem(reply, 'unauthorized', 'Send an API token: Authorization: Bearer TOKEN.');
    }
    const token = isApiToken(sent)
      ? await context.storage.findApiToken(hashApiToken(sent))
      : undefined;
    if (token === undefined || token.revokedAt !== null) {
      reply.header('www-authenticate', bearerChallenge('invalid_token'));
      const why = token === undefined ? 'is not a Canvass API token' : 'was revoked';
      return sendProblem(reply, 'unauthorized', `The API token ${why}.`);
    }
    request.apiToken = token;
    await touch(context, request, token);
    return undefined;
  };
}

/**
 * Notes the use. A database that refuses the write (read-only SQLite, a lock) does not refuse
 * the read the client asked for: "last used" is a convenience, the answer is not.
 */
async function touch(context: AppContext, request: FastifyRequest, token: ApiToken) {
  const now = context.now();
  if (token.lastUsedAt !== null && now - token.lastUsedAt.getTime() < TOUCH_EVERY_MS) return;
  try {
    await context.storage.touchApiToken(token.id, new Date(now));
  } catch (error) {
    if (!(error instanceof StorageUnavailable)) throw error;
    requestLog(request).warn({ err: error }, 'api token last-used not recorded');
  }
}

/** Whether `token` may read survey `slug`: one scoped to a survey reads that one only. */
export function mayRead(token: ApiToken, slug: string): boolean {
  return token.survey === null || token.survey === slug;
}

/** The token `requireToken` accepted (every API route runs behind it). */
export function tokenOf(request: FastifyRequest): ApiToken {
  const token = request.apiToken;
  if (token === null) throw new Error('API route reached without requireToken');
  return token;
}
