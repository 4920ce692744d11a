/** The keys Flask's `TaggedJSONSerializer` registers; each starts with a space. */
export const TAG_KEYS: ReadonlySet<string> = new Set([' t', ' b', ' m', ' u', ' d', ' di']);

/**
 * Orders strings by Unicode code point, as Python's `sorted` does. Plain `<` compares UTF-16
 * units, which puts astral characters (surrogates, 0xD800–0xDFFF) before U+E000–U+FFFF;
 * the fix-up below moves surrogates above that range at the first differing unit.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
