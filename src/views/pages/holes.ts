/**
 * Documents with holes: a page rendered once with markers where per-request values go (the
 * CSRF token, a revision), kept as UTF-8 pieces, and filled in on each request. The page most
 * requests ask for then costs a copy instead of a render and an encoding. Speed-critical
 * (tag: `hot path`): every cached question page and path page goes through `fillHoles`.
 */
import type { Question, Survey } from '../../domain/index.js';
import { escapeHtml } from '../html.js';

/** Where the CSRF token goes in a cached page: no escaped text holds NUL next to these letters. */
export const TOKEN_HOLE = '\u0000csrf\u0000';

/** The UTF-8 pieces between the holes, and which value each hole takes. */
export interface HoledDocument {
  readonly pieces: readonly Buffer[];
  /** `holes[i]`: the index of the value that goes between `pieces[i]` and `pieces[i + 1]`. */
  readonly holes: readonly number[];
}

/**
 * Whether a question's page is the same for every respondent on every day: not when its order
 * is shuffled per response, nor when a date bound is `today`. Only such pages are cached.
 */
export function sameForEveryone(q: Question): boolean {
  if ('shuffle' in q && q.shuffle) return false;
  return q.type !== 'date' || (q.min !== 'today' && q.max !== 'today');
}

/**
 * A page of `survey` rendered with `TOKEN_HOLE` for its CSRF token, cut at its tokens (its
 * form's, and the resume offer's when there is one) and at the one place of each `others`.
 */
export function cutAtTokens(
  document: string,
  survey: Survey,
  ...others: readonly Marker[]
): HoledDocument | undefined {
  const markers = [TOKEN_MARKER, ...others];
  return cutAtHoles(document, markers, [survey.allowResume ? 2 : 1, ...others.map(() => 1)]);
}

/**
 * Where a value goes in a page rendered for the cache: the `hole` within the markup `text` that
 * the page holds once per place (the CSRF marker is its own markup; a revision of -1 is the
 * hole in its hidden field).
 */
export interface Marker {
  readonly text: string;
  readonly hole: string;
}

/** The CSRF token's place: the marker rendered where the token goes. */
const TOKEN_MARKER: Marker = { text: TOKEN_HOLE, hole: TOKEN_HOLE };

/**
 * `document` cut at the hole of every occurrence of each marker; undefined unless marker `i`
 * occurs exactly `counts[i]` times (a survey text holding a marker's characters, say).
 */
function cutAtHoles(
  document: string,
  markers: readonly Marker[],
  counts: readonly number[],
): HoledDocument | undefined {
  const pieces: Buffer[] = [];
  const holes: number[] = [];
  const found = markers.map(() => 0);
  for (let at = 0; ;) {
    let next = -1;
    let marker = -1;
    for (const [i, { text }] of markers.entries()) {
      const index = document.indexOf(text, at);
      if (index !== -1 && (next === -1 || index < next)) [next, marker] = [index, i];
    }
    if (next === -1) {
      pieces.push(ownBytes(document.slice(at)));
      break;
    }
    const { text, hole } = markers[marker] ?? TOKEN_MARKER;
    const start = next + text.indexOf(hole);
    pieces.push(ownBytes(document.slice(at, start)));
    holes.push(marker);
    found[marker] = (found[marker] ?? 0) + 1;
    at = start + hole.length;
  }
  return found.every((n, i) => n === counts[i]) ? { pieces, holes } : undefined;
}

/** 1 for each character of `[A-Za-z0-9_-]` (base64url, digits): its own HTML and its own UTF-8. */
const PLAIN = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
  PLAIN[c.charCodeAt(0)] = 1;
}

/**
 * The document with `values[hole]` in each hole, escaped as HTML text. Values of URL-safe
 * characters and digits (tokens as Canvass makes them, revisions) are their own HTML and their
 * own UTF-8, one byte a character, so they are copied in place, checked by the same loop that
 * copies them, with no escaping pass and no call into C++. At the first other character the
 * copy is dropped and every value escaped and encoded instead.
 */
export function fillHoles({ pieces, holes }: HoledDocument, values: readonly string[]): Buffer {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  for (const hole of holes) length += (values[hole] ?? '').length;
  const document = documentBytes(length);
  let at = 0;
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) {
      const value = values[holes[i - 1] ?? 0] ?? '';
      for (let c = 0; c < value.length; c++) {
        const code = value.charCodeAt(c);
        if (PLAIN[code] !== 1) return fillEscaped(pieces, holes, values.map(escapeHtml));
        document[at + c] = code;
      }
      at += value.length;
    }
    at += piece.copy(document, at);
  }
  return document;
}

/** The document with any (already escaped) text in each hole. */
function fillEscaped(
  pieces: readonly Buffer[],
  holes: readonly number[],
  values: readonly string[],
): Buffer {
  const bytes = values.map((value) => Buffer.byteLength(value));
  let length = 0;
  for (const piece of pieces) length += piece.length;
  for (const hole of holes) length += bytes[hole] ?? 0;
  const document = documentBytes(length);
  let at = 0;
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) {
      const hole = holes[i - 1] ?? 0;
      at += document.write(values[hole] ?? '', at, bytes[hole] ?? 0, 'utf8');
    }
    at += piece.copy(document, at);
  }
  return document;
}

/** The slab filled documents are cut from, and how much of it is taken. */
const SLAB_SIZE = 64 * 1024;
let slab: ArrayBufferLike = new ArrayBuffer(0);
let slabUsed = 0;

/**
 * Memory for one filled document, uninitialised. A document is sent and dropped, so documents
 * are cut one after another from a 64 KiB slab, as `Buffer.allocUnsafe` cuts small buffers
 * from Node's 8 KiB pool: a grid's question page (3.7 KB) took half a pool, and every second
 * page paid a new one (an `ArrayBuffer` and its tracking by the collector, ~1.6k instructions a
 * page). A slab lives until the last document cut from it is gone; a document of more than a
 * quarter of a slab gets memory of its own.
 */
function documentBytes(length: number): Buffer {
  if (length > SLAB_SIZE / 4) return Buffer.allocUnsafeSlow(length);
  if (length > slab.byteLength - slabUsed) {
    slab = Buffer.allocUnsafeSlow(SLAB_SIZE).buffer;
    slabUsed = 0;
  }
  const bytes = Buffer.from(slab, slabUsed, length);
  // The next document starts on an 8-byte boundary, as in Node's pool.
  slabUsed += (length + 7) & ~7;
  return bytes;
}

/**
 * `text` in UTF-8, in memory of its own. `Buffer.from` would carve a short text out of Node's
 * shared 8 KiB pool, and a cached piece kept alive the whole slab it sat in, next to the
 * responses cut from it: a 1,000-question survey pinned megabytes that way.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}
