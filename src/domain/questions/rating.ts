/** `rating`: a row of radios `1`…`scale` (3–10, default 5) with optional end labels. */
import { z } from 'zod';
import { head, scaleLabels, strict, tail } from './common.js';
import type { QuestionKind } from './kind.js';
import { parsePoint, point, pointSummary } from './scale.js';

const SCALE = 'rating scale must be between 3 and 10';

export const ratingSchema = strict({
  ...head('rating'),
  scale: z
    .number({ error: SCALE })
    .int({ error: SCALE })
    .min(3, { error: SCALE })
    .max(10, { error: SCALE })
    .default(5),
  labels: scaleLabels,
  ...tail(),
});

export type RatingQuestion = z.output<typeof ratingSchema>;

export const rating = {
  schema: ratingSchema,
  answerable: true,
  several: false,
  parse: (form, q, ctx) => parsePoint(form, ctx, 1, q.scale, q.required),
  ...point,
  figures: ['choices', 'mean', 'median', 'min', 'max'],
  summarise: (responses, q) => pointSummary(responses, 1, q.scale),
} as const satisfies QuestionKind<RatingQuestion, number>;
