/**
 * Flash messages in Flask's storage format: `_flashes` is a list of `(category, message)`
 * tuples, so a Flask app sharing the cookie shows Canvass' flashes and the other way round.
 */
import { Markup, PyTuple } from './python/py-types.js';

/** The session key Flask's `flash()` appends to. */
export const FLASHES_KEY = '_flashes';

/** The flash categories Canvass' own pages write (and style). */
export const FLASH_CATEGORIES = ['info', 'error'] as const;

/**
 * A flash category: any string, as in Flask (`message`, its default, `warning`, `success`…).
 * The `string & {}` keeps Canvass' own categories suggested by editors without closing the type.
 */
export type FlashCategory = (typeof FLASH_CATEGORIES)[number] | (string & Record<never, never>);

/** One flash message as read back, whichever app (Canvass or Flask) queued it. */
export interface Flash {
  readonly category: FlashCategory;
  readonly message: string;
}

/** The stored entry for one message. */
export function flashEntry(category: string, message: string): PyTuple<string> {
  return PyTuple.of(category, message);
}

/**
 * Reads the stored list leniently: entries that are not `(category, message)` pairs are
 * skipped rather than failing the page. A `Markup` message (Flask apps may flash one) is
 * read as plain text, so the view escapes it.
 */
export function readFlashes(stored: unknown): Flash[] {
  if (!Array.isArray(stored)) return [];
  const flashes: Flash[] = [];
  for (const entry of stored as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2) continue;
    const [category, message] = entry as unknown[];
    const text = message instanceof Markup ? message.value : message;
    if (typeof category === 'string' && typeof text === 'string') {
      flashes.push({ category, message: text });
    }
  }
  return flashes;
}
