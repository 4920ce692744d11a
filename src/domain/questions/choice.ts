/**
 * `choice`: pick one from a radio group — the only kind of format 1, so its schema is also
 * format 1's question: no `type`, `choices` default `[Yes, No]`, and `choices` and `allowText`
 * always written in the canonical form (today's hashes include them).
 */
import { z } from 'zod';
import { alwaysWritten } from './canonical-meta.js';
import { allowText, head, shuffleKey, strict, tail } from './common.js';
import { choiceItem, itemList, otherKey } from './items.js';
import type { QuestionKind } from './kind.js';
import { oneChoiceBehaviour, type OneChoice } from './one-choice.js';

export const choiceSchema = strict({
  ...head('choice'),
  // A question without `type` is a choice question (format 1).
  type: z.literal('choice', { error: 'type must be "choice"' }).default('choice'),
  /** The classic flask-survey default: a yes/no question. */
  choices: alwaysWritten(
    itemList(choiceItem, 'choices', 1, 50).default(['Yes', 'No'].map((t) => ({ id: t, text: t }))),
  ),
  other: otherKey,
  shuffle: shuffleKey,
  ...tail(),
  allowText: alwaysWritten(allowText()),
});

export type ChoiceQuestion = z.output<typeof choiceSchema>;

export const choice = {
  schema: choiceSchema,
  ...oneChoiceBehaviour,
} as const satisfies QuestionKind<ChoiceQuestion, OneChoice>;
