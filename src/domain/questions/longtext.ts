/** `longtext`: a `<textarea>`, `min`/`max` characters (default max 5,000). */
import type { z } from 'zod';
import { head, strict, tail, wholeNumber } from './common.js';
import { oneString, parseText } from './free-text.js';
import type { QuestionKind } from './kind.js';

export const longtextSchema = strict({
  ...head('longtext'),
  min: wholeNumber('min', 0, 20_000).optional(),
  max: wholeNumber('max', 1, 20_000).default(5_000),
  ...tail(),
}).refine((q) => q.min === undefined || q.min <= q.max, {
  path: ['min'],
  message: 'min must not be more than max',
});

export type LongtextQuestion = z.output<typeof longtextSchema>;

export const longtext = {
  schema: longtextSchema,
  answerable: true,
  several: false,
  parse: (form, q, ctx) => parseText(form, q, ctx),
  ...oneString,
} as const satisfies QuestionKind<LongtextQuestion, string>;
