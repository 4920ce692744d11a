/**
 * What every adapter shares: a session's commit runs exactly once, and its outcome is a value.
 * Frameworks reach their "about to send" point more than once (Fastify's error path runs
 * `onSend` again; an Express error handler writes a second head): committing again there is
 * how an oversize session used to hang a request (issue 19), so the second call gets the
 * first one's outcome instead of a second throw.
 */
import type { Session } from '../session.js';
import type { CommitOptions, SessionLayer } from '../stores/store.js';

/** A commit's outcome: the `Set-Cookie` value to send (or none), or why it failed. */
export type CommitOutcome =
  | { readonly ok: true; readonly header: string | undefined; readonly vary: boolean }
  | { readonly ok: false; readonly error: Error; readonly status: number };

/** The status a failed commit answers with: the error's own (431, 503), else 500. */
function statusOf(error: Error): number {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

/** The outcome of a step that threw or rejected. */
export function failedOutcome(error: unknown): CommitOutcome & { ok: false } {
  const reason = error instanceof Error ? error : new Error(String(error));
  return { ok: false, error: reason, status: statusOf(reason) };
}

/**
 * Commits `session` with `manager`, never throwing: a synchronous manager gives the outcome at
 * once, a store-backed one a promise of it. `vary` says the response depends on the cookie.
 */
export function commitOnce<D extends Record<string, unknown>>(
  manager: SessionLayer<D>,
  session: Session<D>,
  options: CommitOptions,
): CommitOutcome | Promise<CommitOutcome> {
  const done = (header: string | undefined): CommitOutcome => ({
    ok: true,
    header,
    vary: header !== undefined || session.accessed,
  });
  let committing: ReturnType<SessionLayer<D>['commit']>;
  try {
    committing = manager.commit(session, options);
  } catch (error) {
    return failedOutcome(error);
  }
  return committing instanceof Promise ? committing.then(done, failedOutcome) : done(committing);
}

/** `current` (a `Vary` header value) with `Cookie` added unless already there or `*`. */
export function varyWithCookie(current: string | undefined): string {
  if (current === undefined || current === '') return 'Cookie';
  if (/(?:^|,)\s*(?:\*|cookie)\s*(?:,|$)/i.test(current)) return current;
  return `${current}, Cookie`;
}
