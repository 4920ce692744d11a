/**
 * Session data shared between requests. A remembered cookie value (recent-cookies.ts) comes
 * back on request after request with the same payload; parsing it afresh each time (JSON,
 * Flask's tags, null-prototype dictionaries, the times taken out) cost more than everything
 * else a session does on a page. So its data is parsed once into a deeply frozen template,
 * and each request gets a new top-level dictionary whose values are the template's. Nothing
 * can change a shared value in place: `Session` gives a request its own copy of a value the
 * moment it is handed out for change (`get`), and `peek` hands out the frozen value itself.
 *
 * Only plain JSON data is shared: strings, numbers, booleans, null, arrays and
 * null-prototype dictionaries. A payload holding any Python value (a tuple, bytes, a date…)
 * is parsed afresh each time, as before.
 */
import type { SessionData } from '../session-data.js';
import { emptySessionData } from '../session-data.js';

function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value !== 'object') {
    return typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';
  }
  if (Array.isArray(value)) {
    return Object.getPrototypeOf(value) === Array.prototype && value.every(isPlainJson);
  }
  if (Object.getPrototypeOf(value) !== null) return false;
  for (const key in value) if (!isPlainJson((value as SessionData)[key])) return false;
  return true;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  for (const key of Object.keys(value)) deepFreeze((value as SessionData)[key]);
  return Object.freeze(value);
}

/**
 * Freezes freshly parsed session data into a template to share, or returns `undefined` when
 * it holds anything but plain JSON. `data` must be the parser's own, referenced nowhere else.
 */
export function shareable(data: SessionData): SessionData | undefined {
  return isPlainJson(data) ? deepFreeze(data) : undefined;
}

/** A request's own top-level dictionary over a template: its values are the template's. */
export function overTemplate(template: SessionData): SessionData {
  return Object.assign(emptySessionData(), template);
}

/** A mutable deep copy of a shared (plain JSON) value. */
export function thawed<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(thawed) as T;
  const copy = emptySessionData();
  for (const key in value) copy[key] = thawed((value as SessionData)[key]);
  return copy as T;
}

/** Results of `Session.derive` over shared values, per derive function: a shared value is frozen. */
const derivations = new WeakMap<object, WeakMap<object, unknown>>();

/**
 * `derive(value)` for a value shared between requests, computed once per value and function
 * and frozen (a result shared by requests must not be changed by one of them).
 */
export function derivedOnce<V extends object, T>(value: V, derive: (value: V) => T): T {
  let results = derivations.get(derive);
  if (results === undefined) derivations.set(derive, (results = new WeakMap()));
  if (results.has(value)) return results.get(value) as T;
  const result = derive(value);
  results.set(
    value,
    typeof result === 'object' && result !== null ? Object.freeze(result) : result,
  );
  return result;
}
