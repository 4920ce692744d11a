/**
 * HMAC (RFC 2104) for one fixed key, computed with two one-shot `crypto.hash` calls:
 *
 *     HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m))
 *
 * `createHmac` builds a native Hmac object, pads the key and runs the hash's key blocks on
 * every call; a cookie check needs one HMAC per request, and that setup was half its cost.
 * Here the padded key blocks are computed once and kept at the front of two reused buffers,
 * so a call writes the message after them and hashes twice, with no object in between
 * (about twice as fast as `createHmac` for a session cookie; see bench/session.ts). The
 * output is bit-for-bit `createHmac`'s: a property test compares them on random keys and
 * messages.
 *
 * Not re-entrant by design: the buffers are reused, and `digest` runs to completion
 * synchronously, so no two calls ever interleave on one thread.
 */
import { hash } from 'node:crypto';

/** SHA-1 and SHA-256 both hash 64-byte blocks. */
const BLOCK = 64;
const DIGEST_BYTES = { sha1: 20, sha256: 32 } as const;

export type HmacDigest = keyof typeof DIGEST_BYTES;

export class FixedKeyHmac {
  /** `K ⊕ ipad`, then room for the message (grown when a longer one comes). */
  private inner: Buffer;
  /** `K ⊕ opad`, then the inner digest. */
  private readonly outer: Buffer;

  /**
   * `key` must be at most one block (64 bytes): Canvass's keys are digests (20 or 32 bytes),
   * derived from the secrets by the key ring. A longer key would first be hashed (RFC 2104
   * §2), which this class does not do, so it refuses one.
   */
  constructor(
    private readonly digest: HmacDigest,
    key: Uint8Array,
  ) {
    if (key.length > BLOCK) throw new RangeError(`HMAC key over ${BLOCK} bytes`);
    this.inner = Buffer.alloc(BLOCK + 512, 0x36);
    this.outer = Buffer.alloc(BLOCK + DIGEST_BYTES[digest], 0x5c);
    for (let i = 0; i < key.length; i++) {
      (this.inner[i] as number) ^= key[i] as number;
      (this.outer[i] as number) ^= key[i] as number;
    }
  }

  /**
   * The HMAC of `message` + `tail` (UTF-8 encoded, as `Hmac#update(string)` does) in
   * base64url. speed: given apart, the two are written one after the other, never joined
   * into one string first (a 3 KB copy per signature). `ascii` says both are ASCII (what the
   * signer writes), which latin1 copies faster than UTF-8; a value to verify is never assumed so.
   */
  base64url(message: string, tail = '', ascii = false): string {
    const maxBytes = (message.length + tail.length) * 3; // a UTF-16 unit is ≤ 3 UTF-8 bytes
    if (BLOCK + maxBytes > this.inner.length) this.grow(BLOCK + maxBytes);
    const encoding = ascii ? 'latin1' : 'utf8';
    let length = this.inner.write(message, BLOCK, encoding);
    if (tail !== '') length += this.inner.write(tail, BLOCK + length, encoding);
    // `binary` (latin1) carries the digest's bytes into the outer buffer without allocating a Buffer.
    const innerDigest = hash(this.digest, this.inner.subarray(0, BLOCK + length), 'binary');
    this.outer.write(innerDigest, BLOCK, 'latin1');
    return hash(this.digest, this.outer, 'base64url');
  }

  private grow(bytes: number): void {
    const bigger = Buffer.alloc(bytes);
    this.inner.copy(bigger, 0, 0, BLOCK);
    this.inner = bigger;
  }
}
