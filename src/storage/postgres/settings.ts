/**
 * `url` with `settings` sent at connect time, in the startup packet's `options` (`-c name=value`
 * each), so they cost no round trip and hold for every pooled connection from its start.
 * https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-OPTIONS
 *
 * pg takes parameters from the URL over its other config, so they go into the URL itself. An
 * `options` the URL already has comes after ours: PostgreSQL applies them in order, so the
 * operator's own `-c statement_timeout=…` wins. Nothing else in the URL is touched.
 */
export function sessionSettings(url: string, settings: Record<string, string | number>): string {
  const ours = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${String(value)}`)
    .join(' ');
  const existing = /([?&])options=([^&#]*)/.exec(url);
  if (existing === null) {
    const hash = url.indexOf('#');
    const [base, fragment] = hash === -1 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
    return `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(ours)}${fragment}`;
  }
  const theirs = decodeURIComponent((existing[2] ?? '').replace(/\+/g, ' '));
  const merged = `${existing[1] ?? '?'}options=${encodeURIComponent(`${ours} ${theirs}`)}`;
  return url.replace(existing[0], merged);
}
