/**
 * Signing keys. The first secret signs; every secret verifies, so a key can be rotated
 * without logging everyone out (Flask's `SECRET_KEY` + `SECRET_KEY_FALLBACKS`). Each secret
 * is turned into its signing key once, here, with itsdangerous' "hmac" derivation
 * `HMAC(secret, salt)`, so a request costs one HMAC per key tried and nothing more.
 */
import { createHmac } from 'node:crypto';
import { FixedKeyHmac } from './hmac.js';

/**
 * Whether two strings of equal length are equal, in time that depends only on the length: every
 * character is compared, and differences are accumulated rather than returned early. Used on
 * canonical base64url text, so the strict reading of spec §6 (other spellings refused) holds.
 */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** The HMAC digests the two session modes use: SHA-1 for Flask, SHA-256 for Canvass. */
export type Digest = 'sha1' | 'sha256';

/** Signs with the current key and verifies with any key of the ring. */
export class KeyRing {
  private readonly keys: readonly FixedKeyHmac[];
  /** Characters in a canonical signature: 27 for SHA-1, 43 for SHA-256. */
  private readonly signatureLength: number;

  /**
   * Throws a `TypeError` when no secret is given or one is empty: that is a configuration
   * error to report at startup, not something to limp along with.
   */
  constructor(secrets: readonly (string | Uint8Array)[], digest: Digest, salt: string) {
    if (secrets.length === 0) throw new TypeError('At least one session secret is required');
    this.keys = secrets.map((secret, index) => {
      if (secret.length === 0) throw new TypeError(`Session secret #${index} is empty`);
      // A str secret is UTF-8 encoded, as itsdangerous' want_bytes does.
      return new FixedKeyHmac(digest, createHmac(digest, secret).update(salt).digest());
    });
    this.signatureLength = this.sign('').length;
  }

  /** How many keys verify (the current one plus the fallbacks). */
  get size(): number {
    return this.keys.length;
  }

  /**
   * The base64url signature of `value` + `tail` under the current key. Both must be ASCII
   * (what is signed is base64url and dots): they are written as such.
   */
  sign(value: string, tail = ''): string {
    return (this.keys[0] as FixedKeyHmac).base64url(value, tail, true);
  }

  /**
   * Index of the key whose signature equals `signature`, or -1. The comparison is on the
   * canonical base64url text, in constant time: the strict choice of spec §6, which refuses
   * the malleable spellings Python's lenient decoder would let through (none is a forgery).
   */
  verify(value: string, signature: string): number {
    // The length is public (it depends only on the digest), so checking it first leaks nothing.
    if (signature.length !== this.signatureLength) return -1;
    for (let i = 0; i < this.keys.length; i++) {
      const expected = (this.keys[i] as FixedKeyHmac).base64url(value);
      if (sameText(expected, signature)) return i;
    }
    return -1;
  }
}
