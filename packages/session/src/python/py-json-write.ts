/**
 * Flask's session serialiser, dump side, in one pass: `TaggedJSONSerializer.tag` (§4.2 of
 * flask-session-format.md) fused with Python's `json.dumps(separators=(",", ":"),
 * sort_keys=True, ensure_ascii=True)` (§4.4). The output is byte for byte what Flask writes
 * for the same value, which is what makes `flask` mode signatures identical.
 */
import { encodeBase64 } from '../cookie/base64.js';
import { formatHttpDate } from '../cookie/http-date.js';
import { fastDump, type KeyOrder } from './py-json-fast.js';
import { PyFloat, PyTuple, UUID } from './py-types.js';
import { compareCodePoints, TAG_KEYS } from './tags.js';

/** Printable ASCII except `"` and `\`: such strings need no escaping at all. */
const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;
const SHORT_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/** Python's `c_encode_basestring_ascii`: everything outside printable ASCII as `\uxxxx`. */
export function pyJsonString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c) out += text.charAt(i);
    else out += SHORT_ESCAPES[code] ?? `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out + '"';
}

/**
 * Python's `float.__repr__`: the shortest round-trip digits (which `toExponential()` gives),
 * fixed notation for exponents −4…15 (always with a fraction), else `d.ddde±XX`.
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = ''] = x.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const sign = x < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
}

/** A JavaScript number as Python would have it: integral values are `int`s. */
function pyNumber(x: number): string {
  if (!Number.isInteger(x)) return pyFloatRepr(x);
  // Large integral doubles would print as 1e+21 with String(); Python ints never do.
  return Math.abs(x) < 1e21 ? String(x === 0 ? 0 : x) : BigInt(x).toString();
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasHtml(value: object): value is { __html__: () => unknown } {
  return typeof (value as { __html__?: unknown }).__html__ === 'function';
}

/**
 * Containers being written, outermost first, to refuse cycles. speed: a `Set` add and delete
 * per container was a third of a dump; pushing on an array is cheap, and it is searched only
 * once the nesting is deeper than any real session, where a cycle is bound to end up.
 */
type Path = object[];
const SEARCH_CYCLES_FROM = 32;

/** Writes one value. */
function write(value: unknown, path: Path): string {
  switch (typeof value) {
    case 'string':
      return pyJsonString(value);
    case 'number':
      return pyNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      return value === null ? 'null' : writeObject(value, path);
    default:
      // Python raises TypeError here too ("Object of type … is not JSON serializable").
      throw new TypeError(`A session cannot hold a value of type ${typeof value}`);
  }
}

function writeObject(value: object, path: Path): string {
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (path.length >= SEARCH_CYCLES_FROM && path.includes(value)) {
    throw new TypeError('A session cannot hold a circular structure');
  }
  path.push(value);
  const text = writeContainer(value, path);
  path.pop();
  return text;
}

/** The tag rules in Flask's `default_tags` order. */
function writeContainer(value: object, path: Path): string {
  if (isPlainObject(value)) return writeDict(value, path);
  if (value instanceof PyTuple) return `{" t":${writeList(value, path)}}`;
  if (Array.isArray(value)) return writeList(value, path);
  if (value instanceof Uint8Array) return `{" b":${pyJsonString(encodeBase64(value))}}`;
  if (hasHtml(value)) return `{" m":${pyJsonString(String(value.__html__()))}}`;
  if (value instanceof UUID) return `{" u":"${value.hex}"}`;
  if (value instanceof Date) return `{" d":"${formatHttpDate(value)}"}`;
  throw new TypeError(`A session cannot hold ${Object.prototype.toString.call(value)}`);
}

function writeList(items: readonly unknown[], path: Path): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // JSON.stringify's rule for holes and undefined; Python has neither.
    out += (i === 0 ? '' : ',') + (item === undefined ? 'null' : write(item, path));
  }
  return out + ']';
}

/**
 * The keys to write, in Python's order. Undefined properties are skipped (as by
 * JSON.stringify): optional fields stay optional. speed: keys are usually already in order
 * (a dict loaded from a cookie was written sorted), and checking costs less than sorting.
 */
function sortedKeys(dict: Record<string, unknown>): string[] {
  let keys = Object.keys(dict);
  for (let i = 0; i < keys.length; i++) {
    if (dict[keys[i] as string] === undefined) {
      keys = keys.filter((key) => dict[key] !== undefined);
      break;
    }
  }
  for (let i = 1; i < keys.length; i++) {
    if (compareCodePoints(keys[i - 1] as string, keys[i] as string) > 0) {
      return keys.sort(compareCodePoints);
    }
  }
  return keys;
}

function writeDict(dict: Record<string, unknown>, path: Path): string {
  const keys = sortedKeys(dict);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only !== undefined && TAG_KEYS.has(only)) {
    // TagDict: a one-key dict whose key looks like a tag is escaped as {" di": {key__: v}}.
    return `{" di":{${pyJsonString(`${only}__`)}:${write(dict[only], path)}}}`;
  }
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += `${i === 0 ? '' : ','}${pyJsonString(key)}:${write(dict[key], path)}`;
  }
  return out + '}';
}

/**
 * Serialises a session dictionary exactly as Flask does (tagged, compact, sorted, ASCII).
 * Throws a `TypeError` for values Python could not serialise either (functions, symbols,
 * `Map`s, class instances, cycles): storing one is a programming error.
 */
export function dumpTagged(value: unknown, order: KeyOrder = 'sorted'): string {
  return fastDump(value, order) ?? exactDump(value);
}

/** `dumpTagged` without its fast path (py-json-fast.ts), for the test that compares them. */
export function exactDump(value: unknown): string {
  return write(value, []);
}
