/**
 * One webhook POST (docs/decisions/0018). node:http rather than `fetch`: it takes a `lookup`,
 * so the address a request connects to is checked after DNS resolution, where a name that
 * resolves to an internal address (or is re-pointed there after the form was saved: DNS
 * rebinding) is caught. Redirects are not followed: a 3xx could point anywhere, and counts as
 * a failed attempt like any other status outside 2xx.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless allowed (`WEBHOOK_ALLOW_PRIVATE`): loopback, the
 * private ranges (RFC 1918, RFC 4193), link-local (cloud metadata at 169.254.169.254), CGNAT,
 * "this network", benchmarking, multicast and reserved. IPv4-mapped IPv6 addresses are checked
 * as their IPv4 address by `BlockList` itself.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (an IP literal) is one a webhook may not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** How a POST ended: the receiver's status code, or what went wrong before one came. */
export type PostResult = { kind: 'status'; code: number } | { kind: 'error'; message: string };

export interface PostOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  /** Allow loopback and private addresses (tests; a receiver on the same network). */
  readonly allowPrivate: boolean;
  /** Aborts the request (the worker stopping). */
  readonly signal?: AbortSignal;
}

/** Receivers' bodies are read and dropped, but at most this much: the status is what counts. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** POSTs `body`; resolves with the status code or the error, never rejects. */
export function postWebhook(options: PostOptions): Promise<PostResult> {
  const url = new URL(options.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!options.allowPrivate && isPrivateAddress(host)) {
    return Promise.resolve({ kind: 'error', message: `${host} is a private address` });
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const request: RequestOptions = {
    method: 'POST',
    headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
    ...(options.allowPrivate ? {} : { lookup: publicOnly }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(url, request, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      res.on('close', () => {
        finish({ kind: 'status', code: res.statusCode ?? 0 });
      });
      res.on('error', () => undefined);
    });
    // The whole exchange, connecting included, not only an idle socket (`req.setTimeout`).
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    req.on('error', (error) => {
      finish({ kind: 'error', message: error.message });
    });
    req.end(options.body);
  });
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** `dns.lookup`, failing when any address found is private (rather than picking another). */
function publicOnly(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error !== null) {
      callback(error, []);
      return;
    }
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused !== undefined) {
      callback(new Error(`${hostname} resolves to ${refused.address}, a private address`), []);
      return;
    }
    const all = (options as { all?: boolean }).all === true;
    const first = addresses[0];
    if (all || first === undefined) callback(null, addresses);
    else callback(null, first.address, first.family);
  });
}
