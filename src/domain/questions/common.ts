/**
 * Keys every question has (SURVEYS.md §2 "Common keys"), and the order of keys in a kind's
 * schema: identity (`id`, `type`, `text`), then the kind's own keys, then the common options.
 * Shape order is the canonical key order, and this one keeps format 1's `text, choices,
 * allowText` so its version hashes do not change.
 */
import { z } from 'zod';
import { formatCount } from '../numbers.js';
import { boundedCondition } from '../paths/condition.js';
import { canonicalRules } from './canonical-meta.js';
import { unknownKeysMessage } from './suggest.js';

/**
 * An object that refuses unknown keys (format 1 did), naming a near miss: `unknown key
 * "choises" — did you mean "choices"?`. Every object of the file format is built with it.
 */
export function strict<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known) : undefined,
  });
}

/** "title is required" rather than zod's "expected string, received undefined". */
export function required(what: string, otherwise: string) {
  return (issue: { readonly input?: unknown }) =>
    issue.input === undefined ? `${what} is required` : otherwise;
}

/** Text that is not blank, kept exactly as written. */
export function nonBlank(what: string, max: number) {
  return z
    .string({ error: required(what, `${what} must be text`) })
    .max(max, { error: `${what} must be at most ${formatCount(max)} characters` })
    .regex(/\S/, { error: `${what} must not be blank` });
}

export const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** A question id; absent ones are filled in (`q1`, `q2`… by position) by the survey schema. */
export const questionId = z
  .string({ error: 'id must be text' })
  .regex(ID_PATTERN, {
    error: 'id must start with a small letter and have only a–z, 0–9 and _ (at most 40 characters)',
  })
  .register(canonicalRules, { rule: 'positional', at: (position) => `q${position}` });

/** `allowText: true` or a label: an optional comment of at most 2,000 characters. */
export function allowText() {
  return z
    .union([z.boolean(), nonBlank('allowText label', 200)], {
      error: 'allowText must be true, false or a label',
    })
    .default(false);
}

/** The leading keys: `type` as the literal naming the kind. */
export function head<T extends string>(type: T) {
  return {
    id: questionId,
    type: z.literal(type, { error: `type must be "${type}"` }),
    text: nonBlank('text', 1_000),
  };
}

/**
 * The path keys every kind has (SURVEYS.md §2–§3), last in the shape and optional, so a file
 * without them keeps its canonical form and hash. Their references are checked against the
 * whole survey by `survey-schema.ts`, since a question alone cannot know its neighbours.
 */
export function pathKeys() {
  return {
    showIf: boundedCondition.optional(),
    endIf: boundedCondition.optional(),
    endText: z
      .string({ error: 'endText must be text' })
      .max(5_000, { error: 'endText must be at most 5,000 characters' })
      .optional(),
  };
}

/** The trailing keys of an answerable question. */
export function tail() {
  return {
    help: nonBlank('help', 1_000).optional(),
    allowText: allowText(),
    required: z.boolean({ error: 'required must be true or false' }).default(true),
    ...pathKeys(),
  };
}

/** `labels: { low, high }` of rating and nps scales. */
export const scaleLabels = strict({
  low: nonBlank('labels.low', 100).optional(),
  high: nonBlank('labels.high', 100).optional(),
}).optional();

/** A whole number in [min, max], with a message naming the setting. */
export function wholeNumber(what: string, min: number, max: number) {
  const error = `${what} must be a whole number between ${min} and ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** `shuffle: true`: an order drawn from (response id, question id); see `shuffle.ts`. */
export const shuffleKey = z.boolean({ error: 'shuffle must be true or false' }).default(false);
