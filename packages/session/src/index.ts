/**
 * Canvass' session layer (`canvass/session`): signed cookie sessions in Flask's wire format,
 * on header strings (`Cookie` in, `Set-Cookie` out), with an optional server-side store.
 * It knows nothing of Fastify; the Fastify plugin is `canvass/session/fastify`.
 */

/** Builds a session manager (`load` a `Cookie` header, `commit` to `Set-Cookie`). */
export { createSessionManager } from './manager.js';
/** The manager interfaces: synchronous (cookie) and asynchronous (store). */
export type { AsyncSessionManager, SessionManager } from './manager.js';
/** Manager options and the refresh policy type. */
export type { RefreshPolicy, SessionManagerOptions } from './options.js';
/** The default session lifetime (30 days, in seconds) and the shortest secret (32 bytes). */
export { DEFAULT_MAX_AGE, MIN_SECRET_BYTES } from './options.js';
/** The events the layer reports for logs, and the log level each deserves. */
export type { ExpiryKind, LateOperation, OversizeAction, SessionEvent } from './events.js';
export { sessionEventLevel } from './events.js';
/** Typed sessions: any zod-compatible schema. */
export type { SchemaResult, SessionSchema } from './schema.js';
/** Per-key schemas (the `keys` option): zod-like or Standard Schema, one value dropped alone. */
export type { KeySchema, SessionKeySchemas, StandardSchemaLike } from './key-schemas.js';
/** The per-browser session dictionary handed to handlers. */
export { Session, type DeepReadonly } from './session.js';
/** The reserved payload key of the lifetimes (`[created, seen]`). */
export { TIMES_KEY } from './timeouts.js';
/** The reserved payload key of a store session's id. */
export { SID_KEY } from './cookie/signed-cookie.js';
/** Flash message types and the categories Canvass writes. */
export { FLASH_CATEGORIES } from './flash.js';
/** A flash message as read back, and the categories Canvass writes. */
export type { Flash, FlashCategory } from './flash.js';
/** The typed errors: strict read, size limit, store outage, late write (in its event), schema-refused write. */
export {
  InvalidSessionWrite,
  MissingSessionKey,
  SessionAlreadyCommitted,
  SessionStoreUnavailable,
  SessionTooLarge,
} from './errors.js';
/** The Redis store. */
export { createRedisSessionStore } from './stores/redis-store.js';
export type { RedisSessionStore, RedisStoreOptions } from './stores/redis-store.js';
/** The store seam and the interface the HTTP layer depends on. */
export type {
  CommitOptions,
  SessionLayer,
  SessionStore,
  StoredFields,
  StoreWrite,
} from './stores/store.js';
/** The low-level cookie codec (sign/verify one cookie value) and its result types. */
export { SessionCodec } from './cookie/codec.js';
/** Wire mode and decoding outcomes. */
export type { DecodeFailure, DecodeResult, SessionMode } from './cookie/codec.js';
/** Tagged-JSON serialisation, as Flask writes and reads session payloads. */
export { dumpTagged, loadTagged } from './python/tagged-json.js';
/** Key order of `dumpTagged`: `sorted` (Flask's bytes, the default) or each dict's `own`. */
export type { KeyOrder } from './python/py-json-fast.js';
/** JavaScript stand-ins for Python values a Flask session can hold. */
export { Markup, PyFloat, PyTuple, UUID } from './python/py-types.js';
/** `SameSite` attribute values. */
export type { SameSite } from './cookie/cookie-header.js';
