/**
 * Form field names and reading posted values (SURVEYS.md §2 "Form field names").
 *
 * A `questions:` page holds one question, whose fields are `answer`, `comment`, `other` and
 * `answer.ROWID`; a `pages:` page prefixes them by the question's id instead (`ID`,
 * `ID.comment`, `ID.other`, `ID.ROWID`). Kinds only ever ask a {@link FieldNames} for a name,
 * so the same parsing code serves both layouts.
 */
import { countCharacters } from '../numbers.js';
import type { CheckMessages } from './messages.js';

/** The most characters a respondent's comment (`allowText`) may have. */
export const MAX_COMMENT_LENGTH = 2_000;

/** Posted fields as `@fastify/formbody` gives them: a repeated field is an array. */
export type FormFields = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The names of one question's fields on its page. */
export interface FieldNames {
  readonly answer: string;
  readonly comment: string;
  readonly other: string;
  /** A grid row's or a ranked choice's own field. */
  part(id: string): string;
}

/** Field names on a page with one question (every page of a `questions:` file). */
export const singleQuestionNames: FieldNames = {
  answer: 'answer',
  comment: 'comment',
  other: 'other',
  part: (id) => `answer.${id}`,
};

/**
 * Field names of question `id` on a page of a `pages:` file. A grid row or ranked choice whose
 * id is `comment` or `other` would collide with those fields: the `pages:` schema must refuse it.
 */
export function prefixedNames(id: string): FieldNames {
  return {
    answer: id,
    comment: `${id}.comment`,
    other: `${id}.other`,
    part: (item) => `${id}.${item}`,
  };
}

/** True when `name` is one of this question's fields (kept and shown again on a 422). */
export function ownsField(names: FieldNames, name: string): boolean {
  return (
    name === names.answer ||
    name === names.comment ||
    name === names.other ||
    name.startsWith(names.part(''))
  );
}

/** One field's value: absent, one string, or repeated (a tampered or duplicated form). */
export type Posted =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly value: string }
  | { readonly kind: 'many' };

/**
 * Reads a field that should be sent once; an empty string counts as not sent (an empty box).
 * A repeated field (an array, whatever its copies) is refused, as format 1 refuses it.
 */
export function readOne(form: FormFields, name: string): Posted {
  const raw = Object.hasOwn(form, name) ? form[name] : undefined;
  if (raw === undefined || raw === '') return { kind: 'none' };
  return typeof raw === 'string' ? { kind: 'one', value: raw } : { kind: 'many' };
}

/** Reads a field that may repeat (checkboxes), without empty strings. */
export function readAll(form: FormFields, name: string): readonly string[] {
  const raw = Object.hasOwn(form, name) ? form[name] : undefined;
  if (raw === undefined) return [];
  return (typeof raw === 'string' ? [raw] : raw).filter((v) => v !== '');
}

/** True for text with nothing but white space: such a box counts as left empty. */
export function isBlank(value: string): boolean {
  return !/\S/u.test(value);
}

/**
 * True when every engine can store `value`: PostgreSQL text cannot hold NUL (U+0000), which
 * failed as a 500 there while SQLite kept it. Whatever a respondent or a link sends is checked.
 */
export function isStorable(value: string): boolean {
  return !value.includes('\u0000');
}

/**
 * What is wrong with a typed text, or undefined. Lengths count characters as people do (code
 * points); a text that is not {@link isStorable} is refused.
 */
export function textProblem(
  value: string,
  max: number,
  what: 'answer' | 'comment',
  m: CheckMessages,
): string | undefined {
  const length = countCharacters(value);
  if (length > max)
    return m.t(what === 'answer' ? 'answerTooLong' : 'commentTooLong', { length, max });
  if (!isStorable(value)) return m.t(what === 'answer' ? 'answerNul' : 'commentNul');
  return undefined;
}

/** Only the fields that were sent: `format` results carry no `undefined` entries. */
export function fields(
  entries: readonly (readonly [string, string | readonly string[] | undefined])[],
): FormFields {
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== ''));
}
