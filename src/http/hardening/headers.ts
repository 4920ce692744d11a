import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The Content-Security-Policy every response carries. Canvass pages are plain HTML and one
 * same-origin stylesheet: no script at all, no inline style, no frames, no plugins. So the
 * policy can be strict (OWASP CSP cheat sheet, "strict policy"): an injected `<script>` or
 * `style=` never runs even if an escaping bug let one through. Inline `<svg>` charts are
 * markup, not script or style, and render under it (their look comes from the stylesheet).
 * `upgrade-insecure-requests` is left out on purpose: on a plain-HTTP deployment it would
 * send the stylesheet request to an `https:` URL that does not exist.
 */
const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
} as const;

/**
 * Helmet's settings. HSTS is off: Canvass itself speaks plain HTTP, browsers ignore HSTS
 * received over HTTP (RFC 6797 §8.1), and the TLS-terminating proxy in front is the one place
 * that knows the site is HTTPS-only, so it sets the header (see docs/security.md).
 */
const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: Object.fromEntries(
      Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => [name, [...values]]),
    ),
  },
  strictTransportSecurity: false,
  // Matches `frame-ancestors 'none'` for browsers that predate CSP level 2.
  xFrameOptions: { action: 'deny' },
  // Survey URLs name what is being answered: do not hand them to other sites.
  referrerPolicy: { policy: 'same-origin' },
  // Two of helmet's defaults speak only to browsers that are gone, and every header costs
  // every response its bytes and Node's validation (~3k instructions each, docs/performance.md).
  // `X-Download-Options: noopen` is read by Internet Explorer 8 alone (helmet's own docs);
  // `X-XSS-Protection: 0` switches off an XSS filter no current browser has, and OWASP's HTTP
  // headers cheat sheet says to leave the header out or send 0. The CSP is the XSS defence.
  xDownloadOptions: false,
  xXssProtection: false,
};

/**
 * The security headers, as helmet sets them for `HELMET_OPTIONS`, captured once at startup.
 * Canvass's policy has no per-request part (no nonces, no per-route variants), so running
 * helmet's middleware on every request, as @fastify/helmet does, recomputed the same nine
 * headers each time (about 8 % of a question page's CPU in the profile). Helmet still decides
 * every header and value; Canvass applies the result.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(
  captureHelmetHeaders(HELMET_OPTIONS),
);

function captureHelmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
      return response;
    },
    removeHeader(name: string) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
      delete headers[name.toLowerCase()];
    },
  };
  const outcome: { finished: boolean; error?: unknown } = { finished: false };
  // Helmet's middleware reads nothing of the request for a policy without nonces.
  const request = Object.create(null) as IncomingMessage;
  helmet(options)(request, response as unknown as ServerResponse, (error?: unknown) => {
    outcome.finished = true;
    outcome.error = error;
  });
  if (!outcome.finished || outcome.error !== undefined) {
    throw new Error('helmet did not set the security headers synchronously', {
      cause: outcome.error,
    });
  }
  return headers;
}
