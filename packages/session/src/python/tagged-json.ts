/**
 * Flask's `TaggedJSONSerializer`, load side (§4.3 of flask-session-format.md), and the
 * entry points for both directions. Tagged values become `PyTuple`, `Uint8Array`, `Markup`,
 * `UUID` and `Date`; `dumpTagged` turns them back into the same wire form.
 */
import { decodeBase64Lenient } from '../cookie/base64.js';
import { parseHttpDate } from '../cookie/http-date.js';
import { pyJsonParse } from './py-json-parse.js';
import { Markup, PyFloat, PyTuple, UUID } from './py-types.js';
import { TAG_KEYS } from './tags.js';

export { dumpTagged } from './py-json-write.js';

/** A float or a 16+ digit integer, strings not excepted. */
const NUMBER_JS_MISREADS = /\d(?:[.eE]|\d{15})/;

/**
 * Whether `JSON.parse` might read `text` other than Python would: true when, outside its
 * strings, it holds a float (a digit followed by `.`, `e` or `E`), an integer of 16+ digits,
 * or a NaN/Infinity token. Strings are read alike by both parsers, so a match inside one is
 * a false alarm: a CSRF token such as `"…3e…"` sent about one session in seven to the slow,
 * exact parser. A regular expression and two searches clear most texts at once; a match is
 * then checked with the strings skipped. Text that is not JSON fails in both parsers alike.
 */
export function needsPyParser(text: string): boolean {
  const maybe = NUMBER_JS_MISREADS.test(text) || text.includes('NaN') || text.includes('Infinity');
  return maybe && pythonOnlyOutsideStrings(text);
}

function pythonOnlyOutsideStrings(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      // Skip the string, escapes included (a `\"` does not end it).
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 0x5c) i++;
        else if (inner === 0x22) break;
      }
      digits = 0;
    } else if (code >= 0x30 && code <= 0x39) {
      if (++digits === 16) return true;
    } else {
      if (digits > 0 && (code === 0x2e || code === 0x65 || code === 0x45)) return true;
      // Outside strings, only NaN and Infinity begin with these letters.
      if (code === 0x4e || code === 0x49) return true;
      digits = 0;
    }
  }
  return false;
}

/** Thrown by a tag whose value Python would reject (Flask answers such cookies with a 500). */
class BadTag extends Error {}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included
const ASCII = /^[\x00-\x7f]*$/;

/** `to_python` of each registered tag. */
function untagValue(key: string, value: unknown): unknown {
  switch (key) {
    case ' t':
      if (!Array.isArray(value)) throw new BadTag('" t" needs a list');
      return PyTuple.fromItems(value as unknown[]);
    case ' b': {
      // base64.b64decode(str) refuses non-ASCII text, then decodes leniently.
      const bytes =
        typeof value === 'string' && ASCII.test(value) ? decodeBase64Lenient(value) : undefined;
      if (bytes === undefined) throw new BadTag('" b" needs base64 text');
      return bytes;
    }
    case ' m':
      if (typeof value !== 'string') throw new BadTag('" m" needs a string');
      return new Markup(value);
    case ' u': {
      const uuid = typeof value === 'string' ? UUID.parse(value) : undefined;
      if (uuid === undefined) throw new BadTag('" u" needs a UUID');
      return uuid;
    }
    case ' d':
      // Werkzeug's parse_date returns None for anything it cannot read; so does Flask.
      return (typeof value === 'string' ? parseHttpDate(value) : undefined) ?? null;
    default: {
      // " di": the escaped dict {key__: v} becomes {key: v}, without untagging it again.
      const inner = value !== null && typeof value === 'object' ? Object.keys(value) : [];
      const escaped = inner[0];
      if (escaped === undefined || Array.isArray(value)) throw new BadTag('" di" needs a dict');
      const out = Object.create(null) as Record<string, unknown>;
      out[escaped.slice(0, -2)] = (value as Record<string, unknown>)[escaped];
      return out;
    }
  }
}

/**
 * `_untag_scan`: bottom-up, children first. The value was just made by the JSON parser, so it
 * is changed in place (no copies): each dict loses its prototype first, so that keys such as
 * `__proto__` or `toString` are plain data and assigning them back cannot reach a setter.
 */
function untagScan(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof PyFloat) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // speed: only containers can change; a store of the same value still costs.
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = untagScan(item);
    }
    return value;
  }
  const dict = value as Record<string, unknown>;
  Object.setPrototypeOf(dict, null);
  let count = 0;
  let lastKey = '';
  for (const key of Object.keys(dict)) {
    const item = dict[key];
    if (item !== null && typeof item === 'object') dict[key] = untagScan(item);
    count++;
    lastKey = key;
  }
  return count === 1 && TAG_KEYS.has(lastKey) ? untagValue(lastKey, dict[lastKey]) : dict;
}

/**
 * Parses and untags a session payload the way Flask's `TaggedJSONSerializer.loads` does.
 * Returns `undefined` where Python raises (invalid JSON, a malformed tag); never throws for
 * bad input, except `RangeError` for nesting too deep for the stack (the codec catches it).
 */
export function loadTagged(text: string): { value: unknown } | undefined {
  let raw: unknown;
  if (needsPyParser(text)) {
    const parsed = pyJsonParse(text);
    if (parsed === undefined) return undefined;
    raw = parsed.value;
  } else {
    try {
      raw = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  try {
    return { value: untagScan(raw) };
  } catch (error) {
    if (error instanceof BadTag) return undefined;
    throw error;
  }
}
