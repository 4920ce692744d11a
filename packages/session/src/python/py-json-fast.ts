/**
 * speed: the fast path of `dumpTagged`, for the common session made of plain dicts, lists,
 * ASCII strings, booleans, null and ordinary numbers. For such a value `JSON.stringify`
 * (native, one pass, no string ropes) already writes Python's bytes, provided that
 *
 * - every dict's keys come out in code-point order: stringify keeps each object's own order,
 *   so a dict whose keys are out of order is written from a sorted copy (stringify's array
 *   `replacer` orders keys too, but takes V8 off its fast path: 3× slower),
 * - no dict is a one-key dict whose key looks like a tag (Flask escapes those, §4.2),
 * - every number prints alike: integers below 1e21, and fractions from 1e-4 up (JavaScript
 *   writes `1e-7` where Python writes `1e-07`; both pick the same shortest digits),
 * - the output is printable ASCII or the control escapes both write alike (`\n`, `\u001f`):
 *   non-ASCII and DEL are raw in JavaScript and `\uXXXX` in Python.
 *
 * A walk checks the first three without building any string; the output is checked for the
 * last. Anything else (tuples, bytes, dates, `undefined`, deep nesting, cycles) returns
 * `undefined` and takes the exact writer. tagged-json's tests and the Flask vectors run
 * through both paths; a property test compares them on random sessions.
 */
import { compareCodePoints, TAG_KEYS } from './tags.js';

/**
 * How a dict's keys are ordered: `sorted` by code point, as Python's `sort_keys=True` (Flask's
 * bytes); `own`, each object's own order (the default mode, where only the data must agree).
 */
export type KeyOrder = 'sorted' | 'own';

/** Deeper than any real session: the exact writer handles it (and finds cycles). */
const MAX_DEPTH = 32;

function plainNumber(x: number): boolean {
  if (Number.isInteger(x)) return Math.abs(x) < 1e21;
  const size = Math.abs(x);
  return size >= 1e-4 && size < Infinity;
}

/** The walk's answer when `JSON.stringify` cannot write Python's text for a value. */
const EXACT_ONLY: unique symbol = Symbol('exact writer only');
type Walked = unknown;

function plainList(items: unknown[], depth: number): Walked {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const walked = plain(item, depth);
    if (walked === EXACT_ONLY) return EXACT_ONLY;
    if (walked !== item) (copy ??= items.slice())[i] = walked;
  }
  return copy ?? items;
}

/** A key JavaScript objects always list first (array indices), so a copy cannot move it. */
const startsWithDigit = (key: string) => {
  const code = key.charCodeAt(0);
  return code >= 0x30 && code <= 0x39;
};

/**
 * Sorts `keys` in place by code point; returns whether any moved. Insertion sort: a session
 * dict has a handful of keys, usually in order already (n - 1 comparisons), and
 * `Array#sort` with a comparator costs more to set up than this does in all.
 */
function sortKeys(keys: string[]): boolean {
  let moved = false;
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    if (compareCodePoints(keys[j] as string, key) <= 0) continue;
    moved = true;
    for (; j >= 0 && compareCodePoints(keys[j] as string, key) > 0; j--)
      keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return moved;
}

/** The dict with its keys in code-point order: itself when they are, else a sorted copy. */
function plainDict(dict: Record<string, unknown>, depth: number): Walked {
  const keys = Object.keys(dict);
  if (keys.length === 1 && TAG_KEYS.has(keys[0] as string)) return EXACT_ONLY;
  let copy = sortKeys(keys);
  // Array-index keys always come first in an object, whatever order they are set in.
  if (copy && keys.some(startsWithDigit)) return EXACT_ONLY;
  const values: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const value = dict[keys[i] as string];
    const walked = plain(value, depth);
    if (walked === EXACT_ONLY) return EXACT_ONLY;
    if (walked !== value) copy = true;
    values.push(walked);
  }
  if (!copy) return dict;
  // A literal, which stringify writes on its fast path (a null-prototype object is 2× slower);
  // so `__proto__`, which would set the prototype here, goes to the exact writer.
  const sorted: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key === '__proto__') return EXACT_ONLY;
    sorted[key] = values[i];
  }
  return sorted;
}

/**
 * `value`, or a copy with dicts' keys reordered, that `JSON.stringify` writes as Python
 * would (but for the ASCII check); `EXACT_ONLY` when it cannot.
 */
function plain(value: unknown, depth: number): Walked {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return plainNumber(value) ? value : EXACT_ONLY;
    case 'object': {
      if (value === null) return value;
      if (depth >= MAX_DEPTH) return EXACT_ONLY;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Array.prototype) return plainList(value as unknown[], depth + 1);
      if (proto !== Object.prototype && proto !== null) return EXACT_ONLY;
      return plainDict(value as Record<string, unknown>, depth + 1);
    }
    default:
      // undefined (skipped or null in JSON), bigint, functions, symbols.
      return EXACT_ONLY;
  }
}

/**
 * Whether `JSON.stringify` writes `value` as Python would but for the order of dict keys (and
 * the ASCII check): the walk of `plain` without the sorting, so it builds nothing.
 */
function plainAsIs(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return plainNumber(value);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH) return false;
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === Array.prototype) {
        const items = value as unknown[];
        for (let i = 0; i < items.length; i++) if (!plainAsIs(items[i], depth + 1)) return false;
        return true;
      }
      if (proto !== Object.prototype && proto !== null) return false;
      let count = 0;
      let first = '';
      for (const key in value) {
        if (count++ === 0) first = key;
        if (!plainAsIs((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return count !== 1 || !TAG_KEYS.has(first);
    }
    default:
      return false;
  }
}

/**
 * Python's JSON text of `value` if the fast path applies, else `undefined`. `own` order writes
 * each dict in its own key order (the default mode, which no reader needs sorted): no sorted
 * copies, only a check of the values.
 */
export function fastDump(value: unknown, order: KeyOrder = 'sorted'): string | undefined {
  let walked: unknown = value;
  if (order === 'own') {
    if (!plainAsIs(value, 0)) return undefined;
  } else {
    walked = plain(value, 0);
    if (walked === EXACT_ONLY) return undefined;
  }
  const text = JSON.stringify(walked);
  // One UTF-8 byte per character means ASCII (both scans are native; a regular expression
  // over the text cost as much as the stringify).
  return Buffer.byteLength(text, 'utf8') === text.length && !text.includes('\x7f')
    ? text
    : undefined;
}
