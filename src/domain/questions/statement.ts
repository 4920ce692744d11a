/**
 * `statement`: text only, nothing to answer. It has neither `required` nor `allowText` (a
 * comment on a statement would have no answer to belong to), stores nothing and is left out
 * of exports and results.
 */
import type { z } from 'zod';
import { head, nonBlank, pathKeys, strict } from './common.js';
import type { QuestionKind } from './kind.js';

export const statementSchema = strict({
  ...head('statement'),
  help: nonBlank('help', 1_000).optional(),
  ...pathKeys(),
});

export type StatementQuestion = z.output<typeof statementSchema>;

export const statement = {
  schema: statementSchema,
  answerable: false,
  several: false,
  parse: () => ({ ok: true, value: null }),
  format: () => ({}),
  toRows: () => [],
  fromRows: () => null,
  exportColumns: () => [],
  exportCells: () => [],
  exportJson: () => ({ answer: null }),
  figures: [],
  summarise: () => ({ answered: 0 }),
} as const satisfies QuestionKind<StatementQuestion, never>;
