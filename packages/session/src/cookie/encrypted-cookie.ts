/**
 * The encrypted cookie format (`encryption: 'aes-256-gcm'`), beside the signed one: the
 * browser can neither read nor change the payload. Model (spec in decision 0023):
 *
 *     value   = "~1." B64URL(timestamp) "." B64URL(random ‖ ciphertext ‖ tag)
 *     key_i   = HKDF-SHA256(secret_i, salt "canvass-session", info "aes-256-gcm v1"), 32 bytes
 *     random  = 24 random bytes; subkey = HMAC-SHA256(key_i, random[0..12)), nonce = random[12..24)
 *     ciphertext ‖ tag = AES-256-GCM(subkey, nonce, plaintext = payload JSON,
 *                                    additional data = "~1." B64URL(timestamp))
 *
 * - `~` cannot begin a signed value (base64url or the `.` of a compressed one), so one cookie
 *   name can hold either format; `1` is the format version.
 * - Rotation as for signing: the first secret encrypts, every secret decrypts (tried in order).
 * - Nonces: GCM with random 96-bit nonces is safe for about 2^32 messages per key (NIST SP
 *   800-38D §8.3), which a busy server re-issuing cookies could reach within the life of one
 *   secret. A fresh subkey per cookie from 96 more random bits (as XAES-256-GCM does) removes
 *   that limit for one HMAC per cookie.
 * - The timestamp is outside the ciphertext so the age is checked as for signed cookies, and
 *   inside the authenticated data so it cannot be changed.
 * - No compression: compressing secrets together with attacker-chosen text before encrypting
 *   lets the length reveal the secrets (CRIME, BREACH).
 */
import type { CipherGCM, DecipherGCM } from 'node:crypto';
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomFillSync,
} from 'node:crypto';

/** What every encrypted value starts with: a character no signed value begins with, and the version. */
export const SEALED_PREFIX = '~1.';

const ALGORITHM = 'aes-256-gcm';
const RANDOM_BYTES = 24;
const SUBKEY_INPUT = 12;
const TAG_BYTES = 16;
const CANONICAL_BASE64URL = /^[A-Za-z0-9_-]*$/;

/** An opened value: the payload JSON and which key opened it; or why it did not open. */
export type Opened =
  | {
      readonly ok: true;
      readonly text: string;
      readonly keyIndex: number;
      readonly tsSegment: string;
    }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature'; readonly detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Seals and opens payloads for one list of secrets (the first seals, all open). */
export class Sealer {
  private readonly keys: readonly Buffer[];
  private readonly random = Buffer.alloc(RANDOM_BYTES);

  constructor(secrets: readonly (string | Uint8Array)[]) {
    this.keys = secrets.map((secret) =>
      Buffer.from(hkdfSync('sha256', secret, 'canvass-session', 'aes-256-gcm v1', 32)),
    );
  }

  /** The cookie value for `payloadText`, stamped with `tsSegment` (base64url seconds). */
  seal(payloadText: string, tsSegment: string): string {
    randomFillSync(this.random);
    const random = Buffer.from(this.random);
    const cipher = this.cipher(0, random) as CipherGCM;
    cipher.setAAD(Buffer.from(SEALED_PREFIX + tsSegment, 'latin1'));
    const body = Buffer.concat([
      random,
      cipher.update(payloadText, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${SEALED_PREFIX}${tsSegment}.${body.toString('base64url')}`;
  }

  /** Opens a value that starts with `SEALED_PREFIX`; never throws for client input. */
  open(value: string): Opened {
    const dot = value.indexOf('.', SEALED_PREFIX.length);
    const tsSegment = value.slice(SEALED_PREFIX.length, dot);
    const bodyText = value.slice(dot + 1);
    if (dot < 0 || !CANONICAL_BASE64URL.test(bodyText) || bodyText.length % 4 === 1) {
      return { ok: false, reason: 'malformed', detail: 'not an encrypted session value' };
    }
    const body = Buffer.from(bodyText, 'base64url');
    if (body.length < RANDOM_BYTES + TAG_BYTES) {
      return { ok: false, reason: 'malformed', detail: 'encrypted value too short' };
    }
    const random = body.subarray(0, RANDOM_BYTES);
    const sealed = body.subarray(RANDOM_BYTES, body.length - TAG_BYTES);
    const tag = body.subarray(body.length - TAG_BYTES);
    const aad = Buffer.from(SEALED_PREFIX + tsSegment, 'latin1');
    for (let i = 0; i < this.keys.length; i++) {
      const text = this.tryKey(i, random, sealed, tag, aad);
      if (text !== undefined) return { ok: true, text, keyIndex: i, tsSegment };
    }
    return { ok: false, reason: 'bad-signature', detail: 'no key of the ring opened this cookie' };
  }

  private tryKey(
    index: number,
    random: Buffer,
    sealed: Buffer,
    tag: Buffer,
    aad: Buffer,
  ): string | undefined {
    const decipher = this.cipher(index, random, true) as DecipherGCM;
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    try {
      const plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
      return utf8.decode(plain);
    } catch {
      // node:crypto reports a failed tag check (wrong key or tampering) by throwing.
      return undefined;
    }
  }

  private cipher(index: number, random: Buffer, decipher = false): CipherGCM | DecipherGCM {
    const key = this.keys[index] as Buffer;
    const subkey = createHmac('sha256', key).update(random.subarray(0, SUBKEY_INPUT)).digest();
    const nonce = random.subarray(SUBKEY_INPUT);
    const options = { authTagLength: TAG_BYTES };
    return decipher
      ? createDecipheriv(ALGORITHM, subkey, nonce, options)
      : createCipheriv(ALGORITHM, subkey, nonce, options);
  }
}
