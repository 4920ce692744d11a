/**
 * `zlib.compress(json)` exactly as CPython's zlib 1.2 makes it (level 6, 32 KiB window), for
 * flask mode's byte-identical compressed cookies. pako is a line-by-line port of that zlib;
 * Node's own zlib (Chromium's fork) finds other matches, so other bytes.
 *
 * speed: `pako.deflate` builds a new stream per call: about 260 KiB of typed arrays (window,
 * hash chains, pending buffer), zero-filled, for a payload of a few hundred bytes. That made
 * a flask-mode commit 0.2× itsdangerous (issue 19). Here one stream is built on first use and
 * reset for each payload (`deflateReset`, what zlib's own `deflateReset` is for). Reuse cannot
 * change the bytes: the reset clears the hash heads, so no match reaches into the previous
 * payload, and the window is zeroed past the new input, because pako (like zlib with its
 * `WIN_INIT` zeroing) reads up to 258 bytes beyond the data when it compares match candidates.
 * A property test compares the output with a fresh `pako.deflate` on random payloads.
 *
 * Not re-entrant, by design: a call runs to completion synchronously.
 */
import { createRequire } from 'node:module';

/** The parts of pako's zlib port used here (pako/lib/zlib, untyped by @types/pako). */
interface ZStream {
  input: Uint8Array | null;
  next_in: number;
  avail_in: number;
  output: Uint8Array | null;
  next_out: number;
  avail_out: number;
  state: { window: Uint8Array; head: Uint16Array };
}
interface PakoDeflate {
  deflateInit2(
    strm: ZStream,
    level: number,
    method: number,
    windowBits: number,
    memLevel: number,
    strategy: number,
    legacyHash: boolean,
  ): number;
  deflateReset(strm: ZStream): number;
  deflate(strm: ZStream, flush: number): number;
}

const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_FINISH = 4;
/** Longest match zlib looks for; it may read this far past the input's end. */
const MAX_MATCH = 258;

// pako is loaded the first time flask mode compresses: canvass mode never needs it.
const load = createRequire(import.meta.url);

let stream: ZStream | undefined;
let zlib: PakoDeflate | undefined;
let out = new Uint8Array(1024);
const NO_HEADS = new Uint16Array(0);

function open(): { strm: ZStream; z: PakoDeflate } {
  if (stream === undefined || zlib === undefined) {
    zlib = load('pako/lib/zlib/deflate.js') as PakoDeflate;
    const ZStreamClass = load('pako/lib/zlib/zstream.js') as new () => ZStream;
    stream = new ZStreamClass();
    // zlib.compress's defaults: Z_DEFAULT_COMPRESSION (6), deflate, 15-bit window, memLevel 8,
    // default strategy; and zlib 1.2's own hash (`legacyHash`, as `pako.deflate` defaults to),
    // not the 4-byte one pako offers to match Node's zlib.
    if (zlib.deflateInit2(stream, 6, 8, 15, 8, 0, true) !== Z_OK) {
      throw new Error('pako deflateInit2');
    }
  } else {
    // deflateReset clears the hash heads (64 KiB) one element at a time in JavaScript, which
    // was most of the cost of a small payload: it clears an empty stand-in instead, and the
    // real table is cleared natively.
    const { state } = stream;
    const { head } = state;
    state.head = NO_HEADS;
    const status = zlib.deflateReset(stream);
    state.head = head;
    head.fill(0);
    if (status !== Z_OK) throw new Error('pako deflateReset');
  }
  return { strm: stream, z: zlib };
}

/** zlib's `deflateBound` for the default settings, rounded up generously. */
const bound = (length: number) => length + (length >> 12) + (length >> 14) + 64;

/** The zlib stream CPython's `zlib.compress(json)` returns (a fresh copy). */
export function zlib12Deflate(json: Uint8Array): Uint8Array {
  const { strm, z } = open();
  const { window } = strm.state;
  window.fill(0, 0, Math.min(window.length, json.length + 2 * MAX_MATCH));
  if (out.length < bound(json.length)) out = new Uint8Array(bound(json.length));
  strm.input = json;
  strm.next_in = 0;
  strm.avail_in = json.length;
  strm.output = out;
  strm.next_out = 0;
  strm.avail_out = out.length;
  const status = z.deflate(strm, Z_FINISH);
  const length = strm.next_out;
  // Drop the references so a large payload is not kept alive by the reused stream.
  strm.input = null;
  strm.output = null;
  if (status !== Z_STREAM_END) throw new Error(`pako deflate ended with status ${status}`);
  return out.slice(0, length);
}
