/**
 * The session layer's public API: signed cookie sessions in Flask's wire format, on header
 * strings (`Cookie` in, `Set-Cookie` out). It knows nothing of Fastify.
 */

/** Builds the cookie session manager (`load` a `Cookie` header, `commit` to `Set-Cookie`). */
export { createSessionManager } from './manager.js';
/** The manager's interface. */
export type { SessionManager } from './manager.js';
/** Manager options, the events it reports, and the refresh policy type. */
export type { RefreshPolicy, SessionEvent, SessionManagerOptions } from './options.js';
/** The default session lifetime: 30 days, in seconds. */
export { DEFAULT_MAX_AGE } from './options.js';
/** The per-browser session dictionary handed to handlers. */
export { Session } from './session.js';
/** Flash message types and the categories Canvass writes. */
export { FLASH_CATEGORIES } from './flash.js';
/** A flash message as read back, and the categories Canvass writes. */
export type { Flash, FlashCategory } from './flash.js';
/** Thrown by a strict read of a missing key, and by a commit over the size limit. */
export { MissingSessionKey, SessionTooLarge } from './errors.js';
/** The low-level cookie codec (sign/verify one cookie value) and its result types. */
export { SessionCodec } from './codec.js';
/** Wire mode and decoding outcomes. */
export type { DecodeFailure, DecodeResult, SessionMode } from './codec.js';
/** Tagged-JSON serialisation, as Flask writes and reads session payloads. */
export { dumpTagged, loadTagged } from './tagged-json.js';
/** JavaScript stand-ins for Python values a Flask session can hold. */
export { Markup, PyFloat, PyTuple, UUID } from './py-types.js';
/** The seam for server-side stores and the interface the HTTP layer depends on. */
export type { CommitOptions, SessionLayer, SessionStore } from './store.js';
/** `SameSite` attribute values. */
export type { SameSite } from './cookie-header.js';
