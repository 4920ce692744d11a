import { SECURITY_HEADERS } from './headers.js';

/**
 * The headers of the few responses written before Fastify's hooks run (an unparsable URL, a
 * request Node's parser refused): those pages get the same security headers as the rest.
 */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'cache-control': 'no-store',
};
