import type { FastifyRequest } from 'fastify';

/** Why a state-changing request was refused as cross-site, or undefined to let it through. */
export type CrossSiteReason = 'sec-fetch-site' | 'origin';

/**
 * Defence in depth behind the CSRF token, after Go 1.25's `http.CrossOriginProtection`
 * (Filippo Valsorda, "Cross-Site Request Forgery", 2025). Browsers since 2023 send
 * `Sec-Fetch-Site`, which page script cannot forge: only `same-origin` and `none` (typed,
 * bookmarked) pass. `same-site` is refused too: a sibling subdomain may host other people's
 * content, and `SameSite=Lax` cookies go along on same-site requests, so the cookie alone
 * does not stop it. Without that header (older browsers), an `Origin` whose host differs from
 * `Host` is refused. A request with neither (curl, very old browsers) passes: the token still
 * guards it. `Sec-Fetch-Site` is trusted first so that a proxy rewriting `Host` does not lock
 * modern browsers out.
 */
export function crossSiteReason(request: FastifyRequest): CrossSiteReason | undefined {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    return site === 'same-origin' || site === 'none' ? undefined : 'sec-fetch-site';
  }
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  return sameHost(origin, request.host) ? undefined : 'origin';
}

/** Compares hosts with the default port of the origin's scheme filled in on both sides. */
function sameHost(origin: string, host: string): boolean {
  if (!URL.canParse(origin)) return false; // includes `Origin: null` (sandboxed, opaque)
  const from = new URL(origin);
  if (host === '' || !URL.canParse(`${from.protocol}//${host}`)) return false;
  return new URL(`${from.protocol}//${host}`).host === from.host;
}
