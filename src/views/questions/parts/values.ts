/** Reading the values to show back out of `FormFields` (posted on a 422, stored under Back). */
import type { FormFields } from '../../../domain/questions/index.js';

/** Every value of a field: a ticked checkbox list repeats, a radio or select has one. */
export function picked(values: FormFields, name: string): readonly string[] {
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * A text box's value. A repeated field (a tampered form, refused by the server) shows empty
 * rather than one of its copies picked at random.
 */
export function typed(values: FormFields, name: string): string {
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  return typeof value === 'string' ? value : '';
}
