/** `yesno`: two radios posting `yes` / `no` (English texts until the language catalogs land). */
import type { QuestionOf } from '../../domain/questions/index.js';
import { YESNO_CHOICES } from '../../domain/questions/yesno.js';
import type { Renderer } from './context.js';
import { optionList } from './parts/options.js';
import { group } from './parts/block.js';

export const yesno: Renderer<QuestionOf<'yesno'>> = (q, ctx) =>
  group(q, ctx, optionList('radio', YESNO_CHOICES, ctx));
