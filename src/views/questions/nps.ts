/** `nps`: eleven radios `0`…`10`, with the optional end labels. */
import type { QuestionOf } from '../../domain/questions/index.js';
import type { Renderer } from './context.js';
import { group } from './parts/block.js';
import { scale } from './parts/scale.js';

export const nps: Renderer<QuestionOf<'nps'>> = (q, ctx) =>
  group(q, ctx, scale(0, 10, q.labels, ctx));
