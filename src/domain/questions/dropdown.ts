/** `dropdown`: pick one from a `<select>`, for lists too long for radios (up to 500 choices). */
import type { z } from 'zod';
import { head, strict, tail } from './common.js';
import { choiceItem, itemList, otherKey } from './items.js';
import type { QuestionKind } from './kind.js';
import {
  formatOneChoice,
  oneChoiceCells,
  oneChoiceColumns,
  oneChoiceFromRows,
  oneChoiceJson,
  oneChoiceRows,
  oneChoiceSummary,
  parseOneChoice,
  type OneChoice,
} from './one-choice.js';

export const dropdownSchema = strict({
  ...head('dropdown'),
  choices: itemList(choiceItem, 'choices', 1, 500),
  other: otherKey,
  ...tail(),
});

export type DropdownQuestion = z.output<typeof dropdownSchema>;

export const dropdown = {
  schema: dropdownSchema,
  answerable: true,
  parse: (form, q, ctx) => parseOneChoice(form, q, ctx.names),
  format: formatOneChoice,
  toRows: oneChoiceRows,
  fromRows: oneChoiceFromRows,
  exportColumns: oneChoiceColumns,
  exportCells: oneChoiceCells,
  exportJson: oneChoiceJson,
  figures: ['choices', 'other'],
  summarise: oneChoiceSummary,
} as const satisfies QuestionKind<DropdownQuestion, OneChoice>;
