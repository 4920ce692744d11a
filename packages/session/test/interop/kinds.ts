/**
 * The JavaScript twin of every payload kind in flask_kinds.py. `value` is what Canvass
 * loads from the cookie Flask writes for that kind; `set`, where given, is what Canvass
 * writes to stand for the same Python value when loading is lossy (a `Date` carries
 * milliseconds that Werkzeug truncates, years below 100 come back as 19xx/20xx).
 */
import { Markup, PyFloat, PyTuple, UUID } from '../../src/index.js';

/** One payload kind: the session Flask's cookie loads as, and what Canvass writes for it. */
export interface Kind {
  readonly value: Record<string, unknown>;
  readonly set?: Record<string, unknown>;
  /** Why Flask orders these keys otherwise: the same dictionary, not the same JSON text. */
  readonly keyOrder?: string;
}

const tuple = (...items: unknown[]): PyTuple => PyTuple.fromItems(items);
const float = (x: number): PyFloat => new PyFloat(x);
const bytes = (...parts: (number | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...Buffer.from(p)])));
const uuid = (text: string): UUID => UUID.parse(text) ?? assertNever(text);

function assertNever(text: string): never {
  throw new Error(`bad test UUID ${text}`);
}

/** A UTC instant; `Date.UTC` cannot express years below 100, hence `setUTCFullYear`. */
function utc(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, m, s, ms);
  return date;
}

/** The LCG of flask_kinds.py's `noise`, in 31-bit integer arithmetic. */
function noise(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let x = 12345;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(1103515245, x) + 12345) & 0x7fffffff;
    out += alphabet[(x >> 16) % 64] ?? '';
  }
  return out;
}

/** Loaded dictionaries have a null prototype: build the expected ones the same way. */
function dict(source: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(source)) out[key] = pyValue(item);
  return out;
}

function pyValue(item: unknown): unknown {
  if (item instanceof PyTuple) return PyTuple.fromItems(Array.from(item, pyValue));
  if (Array.isArray(item)) return item.map(pyValue);
  const plain =
    item !== null && typeof item === 'object' && Object.getPrototypeOf(item) === Object.prototype;
  return plain ? dict(item as Record<string, unknown>) : item;
}

const nested = (depth: number, inner: unknown): unknown =>
  depth === 0 ? inner : [nested(depth - 1, inner)];

const KIND_SOURCES: Record<string, Kind> = {
  int: { value: { a: 1 } },
  'empty-string': { value: { s: '' } },
  ascii: { value: { s: 'hello world' } },
  latin: { value: { s: 'café crème brûlée' } },
  cjk: { value: { s: '日本語のテキスト' } },
  emoji: { value: { s: '😀🎉👍🏽' } },
  'emoji-zwj': { value: { s: '👩‍👩‍👧‍👦' } },
  'control-chars': { value: { s: '\x00\x01\x1f\x7f\x80\x9f' } },
  'string-escapes': { value: { s: 'quote" back\\ nl\n cr\r tab\t bs\b ff\f' } },
  'html-chars': { value: { s: '</script><b>&amp;\'"/' } },
  'escape-lookalike': { value: { s: '\\u00e9 is not é' } },
  'lone-surrogate': { value: { s: '\ud800x\udfff' } },
  'bmp-edges': { value: { s: '\ue000\ufeff\ufffd\uffff' } },
  whitespace: { value: { s: ' \t\n\u00a0\u2028\u3000 ' } },
  'unicode-keys': { value: { é: 1, '！': 2, '😀': 3, '': 4, B: 5, a: 6 } },
  'integer-like-keys': { value: { '10': 1, '9': 2, b: 3, '0': 4, '-1': 5, '01': 6 } },
  'python-int-keys': {
    value: { '1': 'one', '2': 'two', '10': 'ten' },
    keyOrder: 'Python sorts int keys as numbers before turning them into strings',
  },
  // JSON.parse makes "__proto__" an own key; an object literal would set the prototype.
  'proto-keys': {
    value: JSON.parse('{"__proto__":1,"constructor":2,"toString":3}') as Record<string, unknown>,
  },
  'long-key': { value: { ['k'.repeat(200)]: 'v' } },
  'bool-none': { value: { t: true, f: false, n: null } },
  ints: { value: { i: [0, -1, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, -(2 ** 53 - 1)] } },
  'big-ints': { value: { i: [2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 64n, 10n ** 30n] } },
  'floats-integral': { value: { f: [float(1), float(-0), float(0), float(100), float(1e15)] } },
  'floats-fraction': { value: { f: [0.1, -2.5, 3.14159, 1 / 3, 0.0001] } },
  'floats-exponent': {
    value: { f: [float(1e16), 1e-5, float(1e22), -2.5e-7, 5e-324, float(1.7976931348623157e308)] },
  },
  'nan-inf': { value: { f: [NaN, Infinity, -Infinity] } },
  'mixed-list': { value: { l: [1, 'a', null, true, 1.5, [2], { k: 'v' }] } },
  'empty-containers': { value: { l: [], d: {}, t: tuple() } },
  nested: {
    value: { fruits: ['apple', 'banana'], n: { deep: { er: [null, true, { x: [1] }] } } },
  },
  'deep-nesting': { value: { d: nested(21, 'bottom') } },
  tuple: { value: { x: tuple(1, 'two', float(3)) } },
  'tuple-empty': { value: { x: tuple() } },
  'tuple-nested': { value: { x: tuple(tuple(1, 2), [3, tuple(4)]) } },
  'tuple-top-level-list': { value: { x: [tuple(1), tuple('a', 'b')] } },
  bytes: { value: { x: bytes(0, 1, 0xfe, 0xff, ' binary') } },
  'bytes-plus-slash': { value: { x: bytes(0xfb, 0xef, 0xbe, 0xff) } },
  'bytes-empty': { value: { x: bytes() } },
  'bytes-all': { value: { x: Uint8Array.from({ length: 256 }, (_, i) => i) } },
  markup: { value: { x: new Markup('<b>bold</b> &amp; safe') } },
  'markup-unicode': { value: { x: new Markup('<i>café 😀</i>') } },
  uuid: { value: { x: uuid('12345678-1234-5678-1234-567812345678') } },
  'uuid-nil': { value: { x: uuid('0'.repeat(32)) } },
  'datetime-naive': { value: { x: utc(2024, 2, 29, 13, 45, 30) } },
  'datetime-utc': { value: { x: utc(2024, 2, 29, 13, 45, 30) } },
  'datetime-offset': { value: { x: utc(2023, 12, 31, 23, 30) } },
  'datetime-negative-offset': { value: { x: utc(2024, 1, 1, 1, 30) } },
  'datetime-micro': {
    value: { x: utc(2024, 6, 1, 12) },
    set: { x: utc(2024, 6, 1, 12, 0, 0, 999) },
  },
  'datetime-epoch': { value: { x: utc(1970, 1, 1) } },
  // http_date writes year 5 as "0005"; parse_date reads it back as 2005 (POSIX 2-digit rule).
  'datetime-year-5': { value: { x: utc(2005, 1, 1) }, set: { x: utc(5, 1, 1) } },
  'datetime-year-9999': { value: { x: utc(9999, 12, 31, 23, 59, 59) } },
  'date-untagged': { value: { x: 'Tue, 02 Jan 2024 00:00:00 GMT' } },
  'decimal-untagged': { value: { x: '1.10' } },
  'escape-each-tag-key': { value: { x: { ' t': 1 } } },
  'escape-top-level': { value: { ' t': [1, 2] } },
  'escape-di-of-dict': { value: { x: { ' di': { a: 1 } } } },
  'escape-nested': { value: { x: { ' t': { ' b': 'zz' } } } },
  'escape-every-tag': {
    value: { a: { ' b': 1 }, c: { ' m': 2 }, d: { ' u': 3 }, e: { ' d': 4 } },
  },
  'no-escape-multikey': { value: { x: { ' t': 1, other: 2 } } },
  'no-escape-unregistered': { value: { x: [{ ' x': 1 }, { t: 1 }, { ' t__': 1 }] } },
  'flash-messages': {
    value: { _flashes: [tuple('message', 'Saved!'), tuple('error', 'Oops')] },
  },
  'flash-markup': { value: { _flashes: [tuple('info', new Markup('<em>Done</em>'))] } },
  permanent: { value: { _permanent: true, user: 'ann' } },
  'not-permanent': { value: { _permanent: false, user: 'bob' } },
  'canvass-progress': {
    value: {
      csrf: 'Jq3n0V3cZ4mC2x8bP1s9Tg',
      progress: { satisfaction: { answers: ['Yes', '$10,000 or more'], at: 2 } },
    },
  },
  'compress-no': { value: { k: 'ahov2ahov2ahov2' } },
  'compress-yes': { value: { k: 'ahov2ahov2ahov2a' } },
  'large-compressible': {
    value: { answers: Array.from({ length: 900 }, (_, i) => ['Yes', 'No', 'Maybe'][i % 3]) },
  },
  'large-noise': { value: { noise: noise(2800) } },
  // CPython's zlib saves 1 byte here, so Flask sends it plain; Node's own zlib would save 3.
  'zlib-threshold-flip': {
    value: { aac: '0dha', abzba: '"a\ncb', b: 'b"\n', byaab: '\\ 0\\é' },
  },
};

/** Every kind, with expected dictionaries built like loaded ones (null prototypes). */
export const KINDS: ReadonlyMap<string, Kind> = new Map(
  Object.entries(KIND_SOURCES).map(([name, kind]) => [
    name,
    {
      ...kind,
      value: dict(kind.value),
      ...(kind.set === undefined ? {} : { set: dict(kind.set) }),
    },
  ]),
);
