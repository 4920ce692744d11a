/**
 * The cookie session manager: `Cookie` header in (`load`), `Set-Cookie` value out
 * (`commit`). It knows nothing of any web framework. Both steps are synchronous: the whole
 * session travels in the cookie, so there is no I/O.
 */
import { SessionCodec } from './codec.js';
import type { CookieAttributes } from './cookie-header.js';
import { readCookie, serializeDeletion, serializeSetCookie } from './cookie-header.js';
import { SessionTooLarge } from './errors.js';
import type { NormalizedOptions, SessionManagerOptions } from './options.js';
import { normalizeOptions } from './options.js';
import { emptySessionData } from './session-data.js';
import type { SessionOrigin } from './session.js';
import { Session, snapshot } from './session.js';
import type { CommitOptions, SessionLayer } from './store.js';

/** Loads sessions from `Cookie` headers and commits them to `Set-Cookie` values. */
export interface SessionManager extends SessionLayer {
  /**
   * The session carried by a `Cookie` header. A missing, tampered, expired or foreign
   * cookie gives an empty session (and an event); this never throws for client input.
   */
  load(cookieHeader: string | undefined): Session;
  /**
   * The `Set-Cookie` value to send, or `undefined` when the browser's cookie is still right.
   * Throws `SessionTooLarge` rather than emit a line over `maxCookieSize` bytes.
   */
  commit(session: Session, options?: CommitOptions): string | undefined;
}

class CookieSessionManager implements SessionManager {
  private readonly codec: SessionCodec;
  private readonly newOrigin: SessionOrigin;

  constructor(private readonly options: NormalizedOptions) {
    this.codec = new SessionCodec(options.secrets, options.mode);
    this.newOrigin = {
      text: undefined,
      issuedAt: undefined,
      keyIndex: 0,
      permanentByDefault: options.permanent,
    };
  }

  private nowSeconds(): number {
    return Math.floor(this.options.now() / 1000);
  }

  load(cookieHeader: string | undefined): Session {
    const { cookieName, maxAge, permanent, onEvent } = this.options;
    const value = readCookie(cookieHeader, cookieName);
    if (value === undefined || value === '') return new Session(emptySessionData(), this.newOrigin);
    const result = this.codec.decode(value, this.nowSeconds(), maxAge);
    if (!result.ok) {
      onEvent({ kind: 'rejected', reason: result.reason, detail: result.detail });
      return new Session(emptySessionData(), this.newOrigin);
    }
    if (result.keyIndex > 0) onEvent({ kind: 'fallback-key', keyIndex: result.keyIndex });
    const { text, issuedAt, keyIndex } = result;
    return new Session(result.data, { text, issuedAt, keyIndex, permanentByDefault: permanent });
  }

  commit(session: Session, options: CommitOptions = {}): string | undefined {
    const { cookieName, maxAge, maxCookieSize, refreshAfter, onEvent } = this.options;
    const state = snapshot(session);
    const attributes = this.attributes(options.secure === true);
    // Flask's save_session: an empty session is never written, only deleted when cleared.
    if (state.empty) return state.changed ? serializeDeletion(cookieName, attributes) : undefined;
    const now = this.nowSeconds();
    const { issuedAt, keyIndex } = state.origin;
    const refreshDue = state.permanent && issuedAt !== undefined && now - issuedAt >= refreshAfter;
    if (!state.changed && keyIndex === 0 && !refreshDue) return undefined;
    const value = this.codec.encode(state.payload(), now);
    const header = serializeSetCookie(
      cookieName,
      value,
      state.permanent
        ? { ...attributes, expires: new Date((now + maxAge) * 1000), maxAge }
        : attributes,
    );
    const size = Buffer.byteLength(header, 'utf8');
    if (size > maxCookieSize) {
      onEvent({ kind: 'oversize', size, limit: maxCookieSize });
      throw new SessionTooLarge(size, maxCookieSize);
    }
    return header;
  }

  private attributes(secure: boolean): CookieAttributes {
    const { path, sameSite } = this.options;
    return { secure: secure || this.options.secure, httpOnly: true, path, sameSite };
  }
}

/**
 * Builds the cookie session manager. Options are checked once, here: a bad secret list,
 * cookie name, path or size throws a `TypeError`/`RangeError` at startup.
 */
export function createSessionManager(options: SessionManagerOptions): SessionManager {
  return new CookieSessionManager(normalizeOptions(options));
}
