/**
 * A JSON parser that accepts exactly what Python's `json.loads` accepts and keeps what
 * `JSON.parse` loses: `NaN`/`Infinity`/`-Infinity` tokens, integers beyond 2^53 (as `bigint`)
 * and integral floats such as `1.0` (as `PyFloat`). Objects have a null prototype so a
 * `__proto__` key stays data; a duplicate key keeps its last value, as in Python.
 * It is the slow path: `loadTagged` tries `JSON.parse` first when the text allows it.
 */
import { PyFloat } from './py-types.js';

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- raw control characters end a JSON string run
const PLAIN_RUN = /[^"\\\x00-\x1f]*/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Thrown inside the parser only; `pyJsonParse` turns it into `undefined`. */
class SyntaxFailure extends Error {}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    const value = this.value();
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail('extra data');
    return value;
  }

  private fail(message: string): never {
    throw new SyntaxFailure(`${message} at ${this.pos}`);
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos++;
    }
  }

  private literal(word: string, value: unknown): unknown {
    if (!this.text.startsWith(word, this.pos)) this.fail('unexpected token');
    this.pos += word.length;
    return value;
  }

  private value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      case 'N':
        return this.literal('NaN', NaN);
      case 'I':
        return this.literal('Infinity', Infinity);
      default:
        if (c === '-' && this.text[this.pos + 1] === 'I')
          return this.literal('-Infinity', -Infinity);
        return this.number();
    }
  }

  private number(): number | bigint | PyFloat {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('expecting value');
    this.pos = NUMBER.lastIndex;
    const token = match[0];
    if (match[1] === undefined && match[2] === undefined) {
      const value = Number(token);
      return Number.isSafeInteger(value) ? value : BigInt(token);
    }
    const value = Number(token);
    // Integral floats are boxed so that `1.0` is written back as `1.0`, not `1`.
    return Number.isInteger(value) || Object.is(value, -0) ? new PyFloat(value) : value;
  }

  private string(): string {
    const t = this.text;
    this.pos++;
    let out = '';
    for (;;) {
      PLAIN_RUN.lastIndex = this.pos;
      PLAIN_RUN.exec(t);
      out += t.slice(this.pos, PLAIN_RUN.lastIndex);
      this.pos = PLAIN_RUN.lastIndex;
      const c = t[this.pos];
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c !== '\\')
        this.fail(c === undefined ? 'unterminated string' : 'invalid control character');
      const e = t[this.pos + 1] ?? '';
      if (e === 'u') {
        const hex = t.slice(this.pos + 2, this.pos + 6);
        if (!HEX4.test(hex)) this.fail('invalid \\uXXXX escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        const replacement = ESCAPES[e];
        if (replacement === undefined) this.fail('invalid escape');
        out += replacement;
        this.pos += 2;
      }
    }
  }

  private array(): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail("expecting ',' delimiter");
    }
  }

  private object(): Record<string, unknown> {
    this.pos++;
    const out = Object.create(null) as Record<string, unknown>;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expecting property name');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos++] !== ':') this.fail("expecting ':' delimiter");
      out[key] = this.value();
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail("expecting ',' delimiter");
    }
  }
}

/** Parses Python-flavoured JSON; `undefined` when Python's `json.loads` would raise. */
export function pyJsonParse(text: string): { value: unknown } | undefined {
  try {
    return { value: new Parser(text).parseDocument() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return undefined;
    throw error;
  }
}
