/** `dropdown`: pick one from a `<select>`, for lists too long for radios (up to 500 choices). */
import type { z } from 'zod';
import { head, strict, tail } from './common.js';
import { choiceItem, itemList, otherKey } from './items.js';
import type { QuestionKind } from './kind.js';
import { oneChoiceBehaviour, type OneChoice } from './one-choice.js';

export const dropdownSchema = strict({
  ...head('dropdown'),
  choices: itemList(choiceItem, 'choices', 1, 500),
  other: otherKey,
  ...tail(),
});

export type DropdownQuestion = z.output<typeof dropdownSchema>;

export const dropdown = {
  schema: dropdownSchema,
  ...oneChoiceBehaviour,
} as const satisfies QuestionKind<DropdownQuestion, OneChoice>;
