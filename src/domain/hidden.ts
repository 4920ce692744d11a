/**
 * Hidden fields (SURVEYS.md §6): values the start page's link gives for the names a survey
 * lists under `hidden`, recorded with the response. They are whatever the link said — anyone
 * can edit a URL — so they are read the same strict way wherever they arrive (the start page's
 * query, `begin`'s form, which is no more trusted than the link), kept as text, and shown to
 * owners as unverified.
 */
import { countCharacters } from './numbers.js';
import { isStorable } from './questions/form.js';

/**
 * The longest value kept, in characters as people count them (code points: an emoji is one); a
 * longer one is ignored, not cut (a cut value would be a lie).
 */
export const MAX_HIDDEN_VALUE = 200;

/** Hidden fields by name, in the order the survey lists them. */
export type HiddenValues = Readonly<Record<string, string>>;

/**
 * Why `value` cannot be a hidden field's value, or undefined when it can: `length` when it is
 * empty or over {@link MAX_HIDDEN_VALUE} characters, `unstorable` when it holds a character an
 * engine cannot store (NUL, see `isStorable`). Links and results filters both ask it.
 */
export function hiddenValueProblem(value: string): 'length' | 'unstorable' | undefined {
  const length = countCharacters(value);
  if (length === 0 || length > MAX_HIDDEN_VALUE) return 'length';
  return isStorable(value) ? undefined : 'unstorable';
}

/**
 * The hidden fields among `params` (a parsed query string or form body): for each name the
 * survey lists, its value when given once and without a {@link hiddenValueProblem}. A repeated
 * parameter (parsed as a list), an empty, longer or unstorable one and every name the survey
 * does not list are ignored: a bad link still begins the survey, just without that value.
 */
export function hiddenValues(names: readonly string[], params: unknown): HiddenValues {
  const values: Record<string, string> = {};
  if (typeof params !== 'object' || params === null) return values;
  const given = params as Readonly<Record<string, unknown>>;
  for (const name of names) {
    if (!Object.hasOwn(given, name)) continue;
    const value = given[name];
    if (typeof value === 'string' && hiddenValueProblem(value) === undefined) values[name] = value;
  }
  return values;
}

/**
 * The value of hidden field `name`, if given. An own property only: a survey may name a field
 * `constructor`, which every object inherits.
 */
export function hiddenValue(hidden: HiddenValues | undefined, name: string): string | undefined {
  return hidden !== undefined && Object.hasOwn(hidden, name) ? hidden[name] : undefined;
}

/**
 * A response's stored hidden fields as the facts a condition tests (`paths/evaluate.ts`,
 * `Facts.hidden`): a name without a value is simply absent.
 */
export function hiddenFacts(stored?: HiddenValues): ReadonlyMap<string, string> {
  return new Map(stored === undefined ? [] : Object.entries(stored));
}
