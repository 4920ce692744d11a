/**
 * Element ids of a question's fields. Field names may hold any text (a grid row's id is its
 * text by default: `answer.Price & value`), and an id may hold no white space, so names are
 * encoded: letters, digits, `_` and `.` stay, every other character becomes `~HEX~`. The
 * encoding never writes `-`, so the suffixes below (`-0`, `-error`, `-help`) cannot collide.
 *
 * Format 1's ids are kept: the radios of `answer` are `answer-0`, `answer-1`…, the comment
 * box is `comment`, and their messages `answer-error` and `comment-error`.
 */

/** The field name as id text (injective: `~` only ever starts or ends an escape). */
function encode(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]/gu, (c) => `~${(c.codePointAt(0) ?? 0).toString(16)}~`);
}

/** A comment box (`comment`, or `ID.comment` on a `pages:` page) is one control, named as is. */
function isCommentName(name: string): boolean {
  return name === 'comment' || name.endsWith('.comment');
}

/**
 * The id of the first control of a field: what the error summary links to. Every renderer
 * gives its first control this id (through {@link controlId}), so the link always lands.
 */
export function fieldId(name: string): string {
  return isCommentName(name) ? encode(name) : `${encode(name)}-0`;
}

/** The id of control `index` (0-based, in the order shown) of a field. */
export function controlId(name: string, index: number): string {
  return index === 0 ? fieldId(name) : `${encode(name)}-${index}`;
}

/** The id of a field's error message. */
export function errorId(name: string): string {
  return `${encode(name)}-error`;
}

/** The id of a question's help text (named after its answer field). */
export function helpId(name: string): string {
  return `${encode(name)}-help`;
}

/** The id of a kind's own hint (limits, "choose all that apply"). */
export function hintId(name: string): string {
  return `${encode(name)}-hint`;
}

/** The id of the question's heading, for regions labelled by it. */
export function titleId(name: string): string {
  return `${encode(name)}-title`;
}

/** The id of the unit shown after a number box (part of the box's description). */
export function unitId(name: string): string {
  return `${encode(name)}-unit`;
}
