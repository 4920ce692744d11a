/** `consent`: one checkbox posting `yes`, labelled by `label` or else the question text. */
import type { QuestionOf } from '../../domain/questions/index.js';
import type { Renderer } from './context.js';
import { optionList } from './parts/options.js';
import { group } from './parts/block.js';

export const consent: Renderer<QuestionOf<'consent'>> = (q, ctx) =>
  group(q, ctx, optionList('checkbox', [{ id: 'yes', text: q.label ?? q.text }], ctx));
