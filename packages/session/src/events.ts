/**
 * What the session layer reports for logs. None of it is an error for the client (a bad
 * cookie just means an empty session), but each is worth a structured line: a burst of bad
 * signatures is a probe, a fallback-key hit says a rotation is still in progress, and an
 * oversize or unavailable store loses a visitor's progress unless someone looks.
 */
import type { DecodeFailure } from './cookie/codec.js';

/** Which lifetime ran out: idle (no visit for too long), absolute, or the cookie's own age. */
export type ExpiryKind = 'idle' | 'absolute' | 'max-age';

/** What a commit did with a session too large for its cookie. */
export type OversizeAction = 'threw' | 'dropped' | 'spilled';

/** The `Session` methods that write; one called after the commit is a late write. */
export type LateOperation =
  | 'set'
  | 'delete'
  | 'clear'
  | 'markModified'
  | 'regenerate'
  | 'destroy'
  | 'permanent'
  | 'flash'
  | 'consumeFlashes';

/** One event; `kind` says which. */
export type SessionEvent =
  /** A cookie was ignored (the request got an empty session). */
  | {
      readonly kind: 'rejected';
      readonly reason: Exclude<DecodeFailure, 'expired'> | 'unknown-session' | 'not-a-store-cookie';
      readonly detail: string;
    }
  /** A signed session outlived one of its lifetimes (the request got an empty session). */
  | { readonly kind: 'expired'; readonly which: ExpiryKind; readonly detail: string }
  /**
   * A signed session failed the schema (the request got an empty session), or, with `key`, one
   * key failed its own schema: on load that key alone was dropped; on a write (in production)
   * the write was not made.
   */
  | { readonly kind: 'invalid'; readonly key?: string; readonly detail: string }
  /** A cookie verified under a fallback key; the commit re-signs it with the current one. */
  | { readonly kind: 'fallback-key'; readonly keyIndex: number }
  /** A `Set-Cookie` line would have been over the limit. */
  | {
      readonly kind: 'oversize';
      readonly size: number;
      readonly limit: number;
      readonly action: OversizeAction;
    }
  /**
   * The session was written after its commit (say in a timer that outlived the request): the
   * write was ignored, since it could never reach the browser. `stack` says where it came from.
   */
  | {
      readonly kind: 'late-write';
      readonly operation: LateOperation;
      readonly key: string | undefined;
      readonly detail: string;
      readonly stack: string;
    }
  /** The server-side store failed; the request is answered 503. */
  | {
      readonly kind: 'store-unavailable';
      readonly operation: 'read' | 'write';
      readonly detail: string;
    };

/** The log level each event deserves: lost data is an error, a probe a warning. */
export function sessionEventLevel(event: SessionEvent): 'info' | 'warn' | 'error' {
  switch (event.kind) {
    case 'oversize':
      return event.action === 'spilled' ? 'info' : 'error';
    case 'store-unavailable':
    case 'late-write':
      return 'error';
    case 'rejected':
    case 'invalid':
      return 'warn';
    case 'expired':
    case 'fallback-key':
      return 'info';
  }
}
