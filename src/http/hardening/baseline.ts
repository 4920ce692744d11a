import { CONTENT_SECURITY_POLICY } from './headers.js';

/** The CSP as one header value. */
export const CSP_HEADER = Object.entries(CONTENT_SECURITY_POLICY)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/**
 * The security headers for the few responses written before Fastify's hooks run (an
 * unparsable URL, a request Node's parser refused): those pages get the same policy as the rest.
 */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};
