import type { ServerOptions } from 'node:http';

/**
 * How long a client may take, in milliseconds. A slowloris client dribbles its headers to hold
 * a socket forever; `headers` cuts it off (Node answers 408 and closes). The defaults fit a
 * slow phone on a bad network and still free a socket within seconds of an attack stalling.
 */
export interface Timeouts {
  /** From the first byte until the request's headers are complete. */
  readonly headers: number;
  /** Until the whole request, body included (64 KiB at most), has arrived. */
  readonly request: number;
  /** An idle keep-alive socket. Above common proxies' idle timeouts (AWS ALB 60 s), as Fastify. */
  readonly keepAlive: number;
  /** Any socket with no traffic at all, in either direction. */
  readonly idle: number;
  /** How often Node checks the header and request deadlines (its default is 30 s). */
  readonly checkInterval: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  headers: 15_000,
  request: 60_000,
  keepAlive: 72_000,
  idle: 120_000,
  checkInterval: 1_000,
};

/** Fastify's constructor options that carry `timeouts` down to Node's HTTP server. */
export function timeoutOptions(given: Partial<Timeouts> = {}) {
  const t = { ...DEFAULT_TIMEOUTS, ...given };
  // Node refuses a headers timeout longer than the request timeout.
  const http: ServerOptions = {
    headersTimeout: Math.min(t.headers, t.request),
    requestTimeout: t.request,
    keepAliveTimeout: t.keepAlive,
    connectionsCheckingInterval: t.checkInterval,
    // Checked in hardening/host.ts instead, to answer with a page (RFC 9112 §3.2).
    requireHostHeader: false,
  };
  return {
    http,
    requestTimeout: t.request,
    keepAliveTimeout: t.keepAlive,
    connectionTimeout: t.idle,
  };
}
