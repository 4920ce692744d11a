/**
 * How a schema position is written in the canonical form, where "keys at their default are
 * omitted" alone is not the whole rule. Declared beside the schema it concerns (never as a
 * separate list of fields), read by `canonical.ts`.
 */
import { z } from 'zod';

export type CanonicalRule =
  /** Format 1 wrote this key even at its default: omitting it would change today's hashes. */
  | { readonly rule: 'always' }
  /** The default depends on the position in the list (`id`: `q1`, `q2`…, 1-based). */
  | { readonly rule: 'positional'; readonly at: (position: number) => unknown }
  /** The value has a shorter spelling (a choice whose id is its text is written as the text). */
  | { readonly rule: 'write'; readonly write: (value: unknown) => unknown };

export const canonicalRules = z.registry<CanonicalRule, z.ZodType>();

/** Marks a key that format 1 always wrote into the normalised definition. */
export function alwaysWritten<S extends z.ZodType>(schema: S): S {
  // Upcast: the registry's meta type is conditional on the schema, which a generic S defers.
  canonicalRules.add(schema, { rule: 'always' });
  return schema;
}
