import type { FastifyInstance } from 'fastify';
import { Browser, toTestResponse, type Transport } from '../../support/browser.js';

/** The satisfaction survey's answers, one per question, in order. */
export const SATISFACTION = ['Yes', 'No', 'Less than $10,000', 'Yes'] as const;

/**
 * A browser whose requests arrive in process from `remoteAddress`, each with `headers` added
 * (an `X-Forwarded-For` a proxy, or the client itself, wrote).
 */
export function browserAt(
  app: FastifyInstance,
  remoteAddress: string,
  headers: Record<string, string> = {},
): Browser {
  const transport: Transport = async (request) => {
    const response = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { ...headers, ...request.headers },
      remoteAddress,
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    const responseHeaders = response.headers as Record<string, string | string[] | undefined>;
    return toTestResponse(response.statusCode, responseHeaders, response.body);
  };
  return new Browser(transport);
}

/** Opens the start page and posts `begin`, returning the begin's response whatever it is. */
export async function tryBegin(browser: Browser, slug = 'satisfaction') {
  await browser.get(`/surveys/${slug}`);
  return browser.post(`/surveys/${slug}/begin`);
}
