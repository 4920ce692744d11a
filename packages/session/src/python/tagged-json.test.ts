import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { pyJsonParse } from './py-json-parse.js';
import { pyFloatRepr } from './py-json-write.js';
import { Markup, PyFloat, PyTuple, UUID } from './py-types.js';
import { dumpTagged, loadTagged, needsPyParser } from './tagged-json.js';

const fixtures = JSON.parse(
  readFileSync(new URL('../../test/fixtures/python-vectors.json', import.meta.url), 'utf8'),
) as { flask: Record<string, { json: string }>; floats: [string, string][] };

function expectedJson(name: string): string {
  const vector = fixtures.flask[name];
  assert.ok(vector, `vector ${name}`);
  return vector.json;
}

const utc = (...parts: [number, number, number, number, number, number]) =>
  new Date(Date.UTC(...parts));

/** JavaScript values for the Flask-made vectors (§4.2 of the spec), by vector name. */
const VALUES: Record<string, Record<string, unknown>> = {
  int: { a: 1 },
  tuple: { x: PyTuple.of<unknown>(1, 'two', new PyFloat(3)) },
  'tuple-empty': { x: PyTuple.of() },
  'tuple-nested': { x: PyTuple.of<unknown>(PyTuple.of(1, 2), [3, PyTuple.of(4)]) },
  bytes: { x: Uint8Array.from([0, 1, 0xfe, 0xff, ...Buffer.from(' binary')]) },
  'bytes-plus-slash': { x: Uint8Array.from([0xfb, 0xef, 0xbe, 0xff]) },
  'bytes-empty': { x: new Uint8Array(0) },
  markup: { x: new Markup('<b>bold</b> &amp; safe') },
  uuid: { x: UUID.parse('12345678-1234-5678-1234-567812345678') },
  'datetime-naive': { x: utc(2024, 1, 29, 13, 45, 30) },
  'datetime-offset': { x: utc(2023, 11, 31, 23, 30, 0) },
  'escape-each-tag-key': { x: { ' t': 1 } },
  'escape-top-level': { ' t': [1, 2] },
  'escape-di-of-dict': { x: { ' di': { a: 1 } } },
  'escape-nested': { x: { ' t': { ' b': 'zz' } } },
  'no-escape-multikey': { x: { ' t': 1, other: 2 } },
  'no-escape-unregistered': { x: [{ ' x': 1 }, { t: 1 }, { ' t__': 1 }] },
  'key-sorting': Object.fromEntries(
    ['😀', '！', 'é', 'b', 'a b', 'a', '_x', 'B', '9', '10', ''].map((k, i) => [k, i]),
  ),
  floats: {
    f: [
      1, -0, 1e16, 1e-5, 0.0001, -2.5e-7, 1.7976931348623157e308, 5e-324, 0.1, 123.456, 1e15, 1e15,
    ].map((x) => (Number.isInteger(x) ? new PyFloat(x) : x)),
  },
  'nan-inf': { f: [NaN, Infinity, -Infinity] },
  'big-ints': {
    i: [
      18446744073709551616n,
      -9007199254740993n,
      9007199254740992,
      123456789012345678901234567890n,
    ],
  },
  'string-escapes': {
    s: 'quote" back\\ nl\n cr\r tab\t bs\b ff\f nul\x00 us\x1f del\x7f é 😀 / < > & \'',
  },
  'lone-surrogate': { s: '\ud800x' },
  flash: {
    _flashes: [PyTuple.of('info', 'Saved!'), PyTuple.of('error', 'Oops')],
    _permanent: true,
  },
  'compress-no': { k: 'ahov2ahov2ahov2' },
  'compress-yes': { k: 'ahov2ahov2ahov2a' },
  nested: { fruits: ['apple', 'banana'], n: { deep: { er: [null, true, false] } } },
};

test('writes every Flask-made vector byte for byte (tags, escapes, sorting, numbers)', () => {
  for (const [name, value] of Object.entries(VALUES)) {
    assert.equal(dumpTagged(value), expectedJson(name), name);
  }
});

test('reads every Flask-made vector back into the same values, and re-writes the same bytes', () => {
  for (const [name, value] of Object.entries(VALUES)) {
    const loaded = loadTagged(expectedJson(name));
    assert.ok(loaded, name);
    assert.equal(dumpTagged(loaded.value), expectedJson(name), name);
    if (name !== 'nan-inf' && name !== 'floats' && name !== 'big-ints') {
      assert.deepEqual(normalize(loaded.value), normalize(value), name);
    }
  }
});

/** A comparable form: plain objects (key order is irrelevant to deepEqual), tagged leaves. */
function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`;
  if (value instanceof PyTuple) return { tuple: value.map(normalize) };
  if (value instanceof Markup) return `markup:${value.value}`;
  if (value instanceof UUID) return `uuid:${value.hex}`;
  if (value instanceof Date) return `date:${value.toISOString()}`;
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

test('untags into the stand-in classes', () => {
  const loaded = loadTagged(expectedJson('tuple'))?.value as { x: unknown };
  assert.ok(loaded.x instanceof PyTuple);
  assert.ok(Object.isFrozen(loaded.x));
  assert.ok((loaded.x as unknown[])[2] instanceof PyFloat);
  const bytes = loadTagged(expectedJson('bytes'))?.value as { x: unknown };
  assert.ok(bytes.x instanceof Uint8Array);
  const markup = loadTagged(expectedJson('markup'))?.value as { x: unknown };
  assert.ok(markup.x instanceof Markup);
  const uuid = loadTagged(expectedJson('uuid'))?.value as { x: UUID };
  assert.equal(String(uuid.x), '12345678-1234-5678-1234-567812345678');
  const date = loadTagged(expectedJson('datetime-naive'))?.value as { x: Date };
  assert.equal(date.x.toISOString(), '2024-02-29T13:45:30.000Z');
  const escaped = loadTagged(expectedJson('escape-top-level'))?.value as Record<string, unknown>;
  assert.deepEqual(Object.keys(escaped), [' t']);
  assert.ok(Array.isArray(escaped[' t']) && !(escaped[' t'] instanceof PyTuple));
});

test('sorts keys by code point, not by UTF-16 unit or integer-like key order', () => {
  assert.equal(dumpTagged({ b: 1, 10: 2, 9: 3 }), '{"10":2,"9":3,"b":1}');
  assert.equal(dumpTagged({ '😀': 1, '！': 2 }), '{"\\uff01":2,"\\ud83d\\ude00":1}');
});

test('formats floats as Python repr does', () => {
  const cases: [number, string][] = [
    [1, '1.0'],
    [-0, '-0.0'],
    [1e16, '1e+16'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [-2.5e-7, '-2.5e-07'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [1e15, '1000000000000000.0'],
  ];
  for (const [x, text] of cases) assert.equal(pyFloatRepr(x), text);
  for (const [bits, repr] of fixtures.floats) {
    const x = Buffer.from(bits, 'hex').readDoubleBE(0);
    assert.equal(pyFloatRepr(x), repr.replace('inf', 'Infinity'), bits);
  }
});

test('writes numbers by kind: integral numbers and bigints as ints, PyFloat and fractions as floats', () => {
  assert.equal(
    dumpTagged([1, -0, 2 ** 53, 1e21, 12345678901234567890n]),
    '[1,0,9007199254740992,1000000000000000000000,12345678901234567890]',
  );
  assert.equal(dumpTagged([new PyFloat(2), 0.5, NaN, -Infinity]), '[2.0,0.5,NaN,-Infinity]');
});

test('escapes strings like ensure_ascii: lowercase \\u, DEL, surrogates, short escapes only', () => {
  assert.equal(dumpTagged("é\x7f\u2028/<>&'"), '"\\u00e9\\u007f\\u2028/<>&\'"');
  assert.equal(dumpTagged('\b\f\n\r\t"\\\x01'), '"\\b\\f\\n\\r\\t\\"\\\\\\u0001"');
});

test('parses what Python json.loads accepts: NaN, Infinity, big ints, duplicates, spaces, raw UTF-8', () => {
  const loaded = loadTagged(
    ' { "b" : [NaN, Infinity, -Infinity, 123456789012345678901, 1.0, -0.0, 1e400],\n"a":"é😀", "a": "last" } ',
  );
  assert.ok(loaded);
  const value = loaded.value as { a: string; b: unknown[] };
  assert.equal(value.a, 'last');
  assert.ok(Number.isNaN(value.b[0]));
  assert.equal(value.b[3], 123456789012345678901n);
  assert.ok(value.b[4] instanceof PyFloat);
  assert.equal(
    dumpTagged(value),
    '{"a":"last","b":[NaN,Infinity,-Infinity,123456789012345678901,1.0,-0.0,Infinity]}',
  );
});

test('keeps __proto__ as plain data, on both parsing paths', () => {
  for (const text of ['{"__proto__":{"polluted":1}}', '{"__proto__":{"polluted":1.5}}']) {
    const value = loadTagged(text)?.value as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), null);
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(dumpTagged(value), text);
  }
});

test('both parsing paths agree, and both reject what Python rejects', () => {
  const texts = [
    '{"a":[1,2,{"b":null}],"c":"x\\u00e9\\ud83d\\ude00\\n\\/"}',
    ' {"x" : {" t":[true,false]} , "y":[] } ',
    '[]',
    '"s"',
    '-12',
  ];
  for (const text of texts) {
    assert.deepEqual(normalize(pyJsonParse(text)?.value), normalize(JSON.parse(text)), text);
  }
  for (const bad of [
    '',
    '{',
    '{"a":1,}',
    '[1,]',
    '01',
    '{"a":1} x',
    "{'a':1}",
    '"\x01"',
    '"\\x"',
    'nan',
    '\ufeff{}',
    '-',
    '1.',
    '.5',
    '"\\u12g4"',
  ]) {
    assert.equal(loadTagged(bad), undefined, JSON.stringify(bad));
    assert.equal(loadTagged(`[${bad}, NaN]`), undefined, `${JSON.stringify(bad)} (slow path)`);
  }
});

test('rejects malformed tags as Python does, but turns an unreadable date into null', () => {
  for (const bad of [
    '{"x":{" t":1}}',
    '{"x":{" b":"A"}}',
    '{"x":{" b":"é"}}',
    '{"x":{" u":"xyz"}}',
    '{"x":{" m":1}}',
    '{"x":{" di":[]}}',
  ]) {
    assert.equal(loadTagged(bad), undefined, bad);
  }
  assert.deepEqual(Object.entries(loadTagged('{"x":{" d":"nope"}}')?.value ?? {}), [['x', null]]);
  const uuid = loadTagged('{"x":{" u":"urn:uuid:{12345678-1234-5678-1234-567812345678}"}}');
  assert.equal(dumpTagged(uuid?.value), '{"x":{" u":"12345678123456781234567812345678"}}');
});

test('refuses values Python could not serialise, and cycles', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  for (const bad of [() => 1, Symbol('s'), new Map(), cyclic, new URL('http://x/')]) {
    assert.throws(() => dumpTagged({ bad }), TypeError);
  }
  assert.equal(dumpTagged({ a: undefined, b: [undefined] }), '{"b":[null]}');
  const shared = [1];
  assert.equal(dumpTagged({ a: shared, b: shared }), '{"a":[1],"b":[1]}');
});

test('where needsPyParser says no, JSON.parse reads the text exactly as Python would', () => {
  const sameAsPython = (text: string) => {
    if (needsPyParser(text)) return;
    let fast: { value: unknown } | undefined;
    try {
      fast = { value: JSON.parse(text) as unknown };
    } catch {
      fast = undefined;
    }
    const exact = pyJsonParse(text);
    // Compared as JSON: the exact parser's dictionaries have no prototype.
    assert.equal(fast === undefined, exact === undefined, text);
    assert.equal(JSON.stringify(fast?.value), JSON.stringify(exact?.value), text);
  };
  // Valid JSON of every kind, and texts cut and spliced from it.
  const json = fc.json({ maxDepth: 3 });
  fc.assert(
    fc.property(json, fc.nat(), fc.nat(), (text, a, b) => {
      sameAsPython(text);
      sameAsPython(text.slice(0, a % (text.length + 1)));
      sameAsPython(text.slice(0, a % (text.length + 1)) + text.slice(b % (text.length + 1)));
    }),
    { numRuns: process.env.CI ? 3000 : 600 },
  );
  for (const text of ['[1.5]', '[1e5]', '[1E5]', '[1234567890123456]', '[NaN]', '[-Infinity]']) {
    assert.equal(needsPyParser(text), true, text);
  }
  for (const text of ['{"t":"1e5 1.5 NaN Infinity"}', '{"a\\"":"9e9"}', '[123456789012345]']) {
    assert.equal(needsPyParser(text), false, text);
  }
});
