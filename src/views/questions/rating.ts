/** `rating`: radios `1`…`scale` in a row, with the optional end labels. */
import type { QuestionOf } from '../../domain/questions/index.js';
import type { Renderer } from './context.js';
import { group } from './parts/block.js';
import { scale } from './parts/scale.js';

export const rating: Renderer<QuestionOf<'rating'>> = (q, ctx) =>
  group(q, ctx, scale(1, q.scale, q.labels, ctx));
