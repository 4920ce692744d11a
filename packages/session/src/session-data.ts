/** The session dictionary as loaded: a null-prototype object, so `__proto__` is just a key. */
export type SessionData = Record<string, unknown>;

/** Makes an empty session dictionary. */
export function emptySessionData(): SessionData {
  return Object.create(null) as SessionData;
}

/**
 * Python's `dict(initial or ())`, which is what Flask builds the session from: `null`, `""`
 * and `[]` give an empty session, a list of `[key, value]` pairs is accepted, a dict is
 * itself. Anything else is `undefined` (Flask raises there). Pairs need string keys: a
 * Python-only key type could not be written back anyway.
 */
export function toSessionData(value: unknown): SessionData | undefined {
  if (value === null || value === '') return emptySessionData();
  if (!Array.isArray(value)) {
    return typeof value === 'object' && Object.getPrototypeOf(value) === null
      ? (value as SessionData)
      : undefined;
  }
  const data = emptySessionData();
  for (const pair of value as unknown[]) {
    // dict(['ab']) is {'a': 'b'}: Python iterates a string by code point, as Array.from does.
    const items = typeof pair === 'string' ? Array.from(pair) : pair;
    if (!Array.isArray(items) || items.length !== 2 || typeof items[0] !== 'string')
      return undefined;
    data[items[0]] = items[1];
  }
  return data;
}
