/**
 * The responses list's cursor: where the next page starts, as one opaque string. It names the
 * version being read as well as the last id sent, so following `next` keeps reading that
 * version even after a new one is served, and a page starts where the last one ended however
 * many responses came in meanwhile (keyset pagination by id: none sent twice, none skipped).
 * Opaque to clients, not secret: a cursor made by hand reads no more than the token may.
 */
export interface Cursor {
  /** The survey version's number. */
  readonly version: number;
  /** The id of the last response sent: the next page starts after it. */
  readonly after: number;
}

/** `1:VERSION:AFTER`, base64url; the leading 1 lets the format change without ambiguity. */
const SHAPE = /^1:([1-9][0-9]{0,8}):(0|[1-9][0-9]{0,14})$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`1:${cursor.version}:${cursor.after}`).toString('base64url');
}

/** The cursor `raw` encodes, or undefined when it is not one this server made. */
export function decodeCursor(raw: string): Cursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(raw)) return undefined;
  const match = SHAPE.exec(Buffer.from(raw, 'base64url').toString('latin1'));
  if (match === null) return undefined;
  return { version: Number(match[1]), after: Number(match[2]) };
}
