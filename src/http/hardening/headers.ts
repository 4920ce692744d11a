import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The Content-Security-Policy every response carries. Canvass pages are plain HTML and one
 * same-origin stylesheet: no script at all, no inline style, no frames, no plugins. So the
 * policy can be strict (OWASP CSP cheat sheet, "strict policy"): an injected `<script>` or
 * `style=` never runs even if an escaping bug let one through. Inline `<svg>` charts are
 * markup, not script or style, and render under it (their look comes from the stylesheet).
 * `upgrade-insecure-requests` is left out on purpose: on a plain-HTTP deployment it would
 * send the stylesheet request to an `https:` URL that does not exist.
 */
export const CONTENT_SECURITY_POLICY = {
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
export const HELMET_OPTIONS: FastifyHelmetOptions = {
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
};
