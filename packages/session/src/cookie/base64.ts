/**
 * Base64 as Python decodes it. Canvass *writes* canonical base64 (Node's encoders), but it
 * must *read* whatever a Flask app can produce, and Python's `binascii.a2b_base64` in
 * non-strict mode is lenient in its own way (flask-session-format.md §6). Node's decoder is
 * lenient differently (it skips junk and accepts a dangling single character), so its result
 * is used only when its length shows that every character was in the alphabet.
 */

/** Index of each base64 character (both alphabets are folded to `+/` by the callers). */
const DECODE_TABLE = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

/** Encodes bytes as base64url without padding (`itsdangerous.base64_encode`). */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Encodes bytes as standard base64 with padding, as Flask's `" b"` tag writes them. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * `binascii.a2b_base64(text, strict_mode=False)`: characters outside the alphabet are
 * skipped, a `=` that completes a quad ends the data, and a dangling 1 (or unpadded 2–3)
 * characters is an error. Returns `undefined` where Python raises.
 */
export function decodeBase64Lenient(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let quadPos = 0;
  let pads = 0;
  let left = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3d) {
      // '=' only counts once two data characters of the quad are in (CPython binascii.c).
      if (quadPos >= 2 && quadPos + ++pads >= 4) return out.subarray(0, length);
      continue;
    }
    const value = code < 128 ? (DECODE_TABLE[code] ?? -1) : -1;
    if (value < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        left = value;
        quadPos = 1;
        break;
      case 1:
        out[length++] = (left << 2) | (value >> 4);
        left = value & 0x0f;
        quadPos = 2;
        break;
      case 2:
        out[length++] = ((left << 4) | (value >> 2)) & 0xff;
        left = value & 0x03;
        quadPos = 3;
        break;
      default:
        out[length++] = ((left << 6) | value) & 0xff;
        quadPos = 0;
    }
  }
  return quadPos === 0 ? out.subarray(0, length) : undefined;
}

/**
 * `itsdangerous.encoding.base64_decode`: drop non-ASCII, pad to a multiple of 4, read `-_`
 * as `+/`, then decode leniently. Canonical segments (all Canvass and Flask output) take
 * Node's fast decoder; anything else goes through the Python emulation.
 */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 1) {
    // Node's decoder skips what is not base64 (either alphabet), so a full-length result means
    // every character was in the alphabet, and then it agrees with Python byte for byte.
    const bytes = Buffer.from(text, 'base64url');
    if (bytes.length === (text.length * 3) >> 2) return bytes;
  }
  // eslint-disable-next-line no-control-regex -- want_bytes(errors="ignore") drops non-ASCII
  const ascii = text.replace(/[^\x00-\x7f]/g, '');
  const padded = ascii + '='.repeat((4 - (ascii.length % 4)) % 4);
  return decodeBase64Lenient(padded.replace(/-/g, '+').replace(/_/g, '/'));
}
