/** `text`: one line, `min`/`max` characters (default max 500), an optional `placeholder`. */
import type { z } from 'zod';
import { head, nonBlank, strict, tail, wholeNumber } from './common.js';
import { oneString, parseText } from './free-text.js';
import type { QuestionKind } from './kind.js';

export const textSchema = strict({
  ...head('text'),
  min: wholeNumber('min', 0, 5_000).optional(),
  max: wholeNumber('max', 1, 5_000).default(500),
  placeholder: nonBlank('placeholder', 200).optional(),
  ...tail(),
}).refine((q) => q.min === undefined || q.min <= q.max, {
  path: ['min'],
  message: 'min must not be more than max',
});

export type TextQuestion = z.output<typeof textSchema>;

export const text = {
  schema: textSchema,
  answerable: true,
  several: false,
  parse: (form, q, ctx) => parseText(form, q, ctx),
  ...oneString,
} as const satisfies QuestionKind<TextQuestion, string>;
