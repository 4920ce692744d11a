/**
 * Cookie values the codec signed or verified lately, with what their signature already told:
 * the payload JSON, the key that signed it and the signing time. Most requests carry a cookie
 * the server has just seen: the page after an answer's redirect carries the cookie that
 * redirect set, and the next answer carries it again. Such a value is the exact string that
 * was signed or verified before, so checking its HMAC again cannot give another answer; it
 * still goes through every time check and is parsed afresh, so each request gets its own
 * mutable data and an expired cookie is refused exactly as before.
 *
 * It is a cache, not state: another instance or a restart misses it and verifies in full.
 * Entries are bounded by their total length and evicted oldest first. A value read from a
 * request is copied on the way in (`detached`), so an entry never keeps alive the whole
 * `Cookie` header it was cut from.
 */

/** What verifying a cookie value established, short of its data. */
export interface VerifiedCookie {
  /** The payload JSON as it was signed. */
  readonly text: string;
  /** 0 for the current key, higher for a fallback. */
  readonly keyIndex: number;
  /** The signed timestamp, in seconds since the epoch. */
  readonly issuedAt: number;
}

/** Default budget: about a thousand large sessions, or several thousand small ones. */
export const DEFAULT_RECENT_COOKIE_BYTES = 1 << 20;

/** An exact copy of `text` that shares no memory with the string it was sliced from. */
function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

export class RecentCookies {
  private readonly entries = new Map<string, VerifiedCookie>();
  private size = 0;

  /** `budget`: the most characters (cookie values plus payloads) kept; 0 keeps nothing. */
  constructor(private readonly budget: number) {}

  /** What was verified of exactly this cookie value, if it was seen lately. */
  get(value: string): VerifiedCookie | undefined {
    return this.entries.get(value);
  }

  /**
   * Remembers a value this codec signed or verified. `sliced`: the value was cut from a larger
   * string (a request's `Cookie` header), so a copy of it alone is kept. The payload text is
   * never a slice.
   */
  remember(value: string, verified: VerifiedCookie, sliced: boolean): void {
    const cost = value.length + verified.text.length;
    if (cost > this.budget || this.entries.has(value)) return;
    this.entries.set(sliced ? detached(value) : value, verified);
    this.size += cost;
    for (const [oldest, entry] of this.entries) {
      if (this.size <= this.budget) break;
      this.entries.delete(oldest);
      this.size -= oldest.length + entry.text.length;
    }
  }

  /** How many values are remembered (for tests). */
  get count(): number {
    return this.entries.size;
  }
}
