/**
 * The seam for server-side sessions (`SESSION_STORE=redis://…`). With a store the cookie
 * carries only a signed session id (and the lifetimes); the dictionary lives in the store,
 * one field per session key, each holding that key's tagged JSON. Writing per key is what
 * lets two parallel requests that change different keys both win: each writes only the
 * keys it changed, where a whole-dictionary write would overwrite the other's.
 */
import type { Session } from '../session.js';

/** One session's stored fields: key → tagged JSON of its value. */
export type StoredFields = Readonly<Record<string, string>>;

/** A write to one session entry. */
export type StoreWrite =
  /** Change some keys of an existing entry; nothing happens if it no longer exists. */
  | { readonly kind: 'patch'; readonly set: StoredFields; readonly remove: readonly string[] }
  /** Create the entry with exactly these fields, deleting `retire` in the same transaction. */
  | { readonly kind: 'replace'; readonly fields: StoredFields; readonly retire?: string };

/**
 * Persistence for server-side sessions. Every method may reject when the store cannot be
 * reached; the manager turns that into `SessionStoreUnavailable` (HTTP 503).
 */
export interface SessionStore {
  /** The fields stored under `id`, or `undefined` when unknown, expired or destroyed. */
  read(id: string): Promise<StoredFields | undefined>;
  /**
   * Applies `change` atomically and sets the entry to expire in `ttlSeconds`. Resolves
   * false when a patch found no entry (it was destroyed or regenerated meanwhile).
   */
  write(id: string, change: StoreWrite, ttlSeconds: number): Promise<boolean>;
  /** Forgets `id` (logout); unknown ids are not an error. */
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
export interface SessionLayer<Data extends Record<string, unknown> = Record<string, unknown>> {
  load(cookieHeader: string | undefined): Session<Data> | Promise<Session<Data>>;
  commit(
    session: Session<Data>,
    options?: CommitOptions,
  ): string | undefined | Promise<string | undefined>;
}
