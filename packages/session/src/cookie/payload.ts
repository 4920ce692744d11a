/**
 * Serialising a session at commit, and finding out whether it changed, doing as little work
 * as possible: nothing is serialised unless a key was changed or an object was handed out.
 * Cookie sessions compare the whole payload with the one signed (one string compare); store
 * sessions compare key by key, so only the keys that really changed are written.
 */
import type { SessionData } from '../session-data.js';
import { emptySessionData } from '../session-data.js';
import type { SessionSnapshot } from '../session.js';
import { PERMANENT_KEY } from '../session.js';
import type { KeyOrder } from '../python/py-json-fast.js';
import { dumpTagged } from '../python/tagged-json.js';
import { timesEntry } from '../timeouts.js';

/**
 * The cookie payload: the data plus `extra` (the reserved times). A permanent session that
 * lacks `_permanent` gets it, so a Flask app reading the cookie also treats it as permanent.
 */
export function cookiePayload(
  state: SessionSnapshot,
  extra: SessionData,
  order: KeyOrder = 'sorted',
): string {
  const data = Object.assign(emptySessionData(), state.data, extra);
  if (state.permanent && !state.empty && !(PERMANENT_KEY in data)) data[PERMANENT_KEY] = true;
  return dumpTagged(data, order);
}

/** Whether a cookie session differs from what was loaded; serialises only if it must. */
export function cookieChanged(state: SessionSnapshot, order: KeyOrder = 'sorted'): boolean {
  if (state.modified) return true;
  const { origin } = state;
  if (state.handedOut.size === 0 || origin.text === undefined) return false;
  const times = origin.timesCarried && origin.times !== undefined ? timesEntry(origin.times) : {};
  return cookiePayload(state, times, order) !== origin.text;
}

/** A null-prototype dictionary of strings, so `__proto__` is just a session key. */
export function stringDict(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** What to write to a store: each key's tagged JSON to set, and the keys to remove. */
export interface FieldChanges {
  readonly set: Record<string, string>;
  readonly remove: string[];
}

/** Every key of the session, for a new or replaced store entry. */
export function allFields(state: SessionSnapshot): Record<string, string> {
  const fields = stringDict();
  for (const [key, value] of Object.entries(state.data)) fields[key] = dumpTagged(value);
  return fields;
}

/**
 * The keys whose stored text differs from the loaded one: those written through the
 * session's methods, and those whose object was handed out and then changed in place. Keys
 * nobody touched are not looked at, so a parallel request's writes to them survive.
 */
export function changedFields(state: SessionSnapshot): FieldChanges {
  const before = state.origin.fields ?? stringDict();
  const changes: FieldChanges = { set: stringDict(), remove: [] };
  for (const key of new Set([...state.dirty, ...state.handedOut])) {
    if (key in state.data) {
      const text = dumpTagged(state.data[key]);
      if (state.dirty.has(key) || text !== before[key]) changes.set[key] = text;
    } else if (Object.hasOwn(before, key)) {
      changes.remove.push(key);
    }
  }
  return changes;
}
