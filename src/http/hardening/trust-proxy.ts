import { isIP } from 'node:net';
import { z } from 'zod';

/** The names proxy-addr (Fastify's `trustProxy`) accepts for well-known ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, an address/prefix (CIDR), or a named range. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const MESSAGE =
  'must be a hop count (1 for one proxy in front, such as nginx) or a comma-separated list of ' +
  'proxy addresses or CIDRs (e.g. 127.0.0.1,10.0.0.0/8, or loopback)';

/**
 * `TRUST_PROXY`: which proxies' `X-Forwarded-For` to believe, as Fastify's `trustProxy` takes
 * it, so that `request.ip` (and every per-client limit) is the real client. A number trusts that
 * many hops nearest the server; a list trusts those addresses. `0` trusts none (the default:
 * without a proxy, the header is whatever the client wrote). `true` (trust every hop) is refused:
 * any client could then name any address.
 */
export const trustProxySchema = z
  .string()
  .trim()
  .transform((value, context): number | string[] => {
    if (/^[0-9]+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 32) return hops;
    } else {
      const entries = value.split(',').map((entry) => entry.trim());
      if (entries.every(isProxyAddress)) return entries;
    }
    context.addIssue({ code: 'custom', message: `${MESSAGE}; got "${value}"` });
    return z.NEVER;
  });

export type TrustProxy = z.output<typeof trustProxySchema>;
