/**
 * The seam for server-side sessions (`SESSION_STORE=redis://…`). With a store the cookie
 * carries only a signed session id and the dictionary lives in the store; loading then has
 * to wait on I/O. Only the interfaces exist today: the cookie manager implements
 * `SessionLayer` synchronously, and a store-backed manager would implement it with
 * promises, reusing the codec (to sign the id) and the tagged-JSON payload text.
 */
import type { Session } from './session.js';

/**
 * Persistence for server-side sessions, in the four-function shape of React Router's
 * `createSessionStorage`. Data travels as the tagged-JSON payload text `dumpTagged`
 * writes, so a store never needs to understand Flask's tags.
 */
export interface SessionStore {
  /** Stores a new session and returns its (unguessable) id. */
  create(payload: string, expiresAt: Date): Promise<string>;
  /** The payload stored under `id`, or `undefined` when unknown or expired. */
  read(id: string): Promise<string | undefined>;
  /** Replaces the payload under `id` and pushes its expiry. */
  update(id: string, payload: string, expiresAt: Date): Promise<void>;
  /** Forgets `id` (logout, admin rotation); unknown ids are not an error. */
  destroy(id: string): Promise<void>;
}

/** Options of one commit. */
export interface CommitOptions {
  /** Mark the cookie `Secure` (the request came over HTTPS); ORed with the configured flag. */
  readonly secure?: boolean;
}

/**
 * What the HTTP layer needs from a session manager: `Cookie` header in, `Session` out, and
 * back to a `Set-Cookie` value (or `undefined` when nothing needs sending). Either step may
 * be asynchronous so a store-backed manager fits the same plugin.
 */
export interface SessionLayer {
  load(cookieHeader: string | undefined): Session | Promise<Session>;
  commit(
    session: Session,
    options?: CommitOptions,
  ): string | undefined | Promise<string | undefined>;
}
