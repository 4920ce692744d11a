/**
 * Cookie values the codec signed or verified lately, with what their signature already told:
 * the payload JSON, the key that signed it and the signing time. Most requests carry a cookie
 * the server has just seen: the page after an answer's redirect carries the cookie that
 * redirect set, and the next answer carries it again. Such a value is the exact string that
 * was signed or verified before, so checking its HMAC again cannot give another answer; it
 * still goes through every time check, so an expired cookie is refused exactly as before.
 * A value that keeps coming back has its data parsed once and shared, frozen, between the
 * requests that carry it (shared-data.ts), so it is budgeted at twice the payload's length.
 *
 * It is a cache, not state: another instance or a restart misses it and verifies in full.
 * Entries are bounded by their total length and evicted oldest first. A value read from a
 * request is copied on the way in (`detached`), so an entry never keeps alive the whole
 * `Cookie` header it was cut from.
 */

import type { SessionData } from '../session-data.js';

/** What verifying a cookie value established, short of its data. */
export interface VerifiedCookie {
  /** The payload JSON as it was signed. */
  readonly text: string;
  /** 0 for the current key, higher for a fallback. */
  readonly keyIndex: number;
  /** The signed timestamp, in seconds since the epoch. */
  readonly issuedAt: number;
}

/** A remembered value: what its verification established, and its data once read. */
export interface RememberedCookie extends VerifiedCookie {
  /**
   * The payload's data, parsed once and frozen to be shared (shared-data.ts); `null` when it
   * cannot be shared, `undefined` until the codec decides to share it. Set by the codec.
   */
  shared: SessionData | null | undefined;
  /** How many times the value was read before its data was shared. Counted by the codec. */
  reads: number;
}

/** Default budget: about a thousand large sessions, or several thousand small ones. */
export const DEFAULT_RECENT_COOKIE_BYTES = 1 << 20;

/** An entry's share of the budget: the value, its payload, and room for the parsed data. */
const costOf = (value: string, verified: VerifiedCookie) => value.length + 2 * verified.text.length;

/** An exact copy of `text` that shares no memory with the string it was sliced from. */
function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** An entry, under its value's key (`keyOf`). */
interface Entry extends RememberedCookie {
  readonly value: string;
  readonly key: number;
}

/**
 * The number an entry is found by: a hash of its value's last six characters, which are the
 * MAC's (random to anyone without the key). Every request's value is a new string, so a key
 * made from the string itself (even a slice of it, the MAC) cost hashing it and a copy; six
 * `charCodeAt`s cost neither. A match is confirmed against the whole value, so two values
 * that share a key only take each other's place, as an entry replaced by a newer one does.
 * Kept within V8's small integers, so the number is never boxed.
 */
function keyOf(value: string): number {
  let key = value.length;
  for (let i = Math.max(0, value.length - 6); i < value.length; i++) {
    key = (key * 61 + value.charCodeAt(i)) & 0x3fffffff;
  }
  return key;
}

export class RecentCookies {
  private readonly entries = new Map<number, Entry>();
  /**
   * The entries oldest first, from `head` on. Evicting by iterating the map from its start
   * walked past every slot deleted since V8 last compacted it: ~40k instructions an insert.
   */
  private order: Entry[] = [];
  private head = 0;
  private size = 0;

  /** `budget`: the most characters (cookie values plus payloads) kept; 0 keeps nothing. */
  constructor(private readonly budget: number) {}

  /** What was verified of exactly this cookie value, if it was seen lately. */
  get(value: string): RememberedCookie | undefined {
    const entry = this.entries.get(keyOf(value));
    return entry?.value === value ? entry : undefined;
  }

  /**
   * Remembers a value this codec signed or verified, and returns its entry (`undefined` when
   * it does not fit the budget). `sliced`: the value was cut from a larger string (a request's
   * `Cookie` header), so a copy of it alone is kept. The payload text is never a slice. The
   * codec remembers only values it has just missed or just signed; one remembered again (the
   * same payload signed twice in a second) replaces the entry it had.
   */
  remember(value: string, verified: VerifiedCookie, sliced: boolean): RememberedCookie | undefined {
    // Before any copy: with a budget of 0 (or a huge value) nothing is kept.
    const cost = costOf(value, verified);
    if (cost > this.budget) return undefined;
    const kept = sliced ? detached(value) : value;
    const { text, keyIndex, issuedAt } = verified;
    const entry: Entry = {
      text,
      keyIndex,
      issuedAt,
      shared: undefined,
      reads: 0,
      value: kept,
      key: keyOf(kept),
    };
    this.entries.set(entry.key, entry);
    this.order.push(entry);
    this.size += cost;
    while (this.size > this.budget) {
      const oldest = this.order[this.head++] as Entry;
      // A replaced entry is still in the order; the map holds its successor.
      if (this.entries.get(oldest.key) === oldest) this.entries.delete(oldest.key);
      this.size -= costOf(oldest.value, oldest);
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    return entry;
  }

  /** How many values are remembered (for tests). */
  get count(): number {
    return this.entries.size;
  }
}
