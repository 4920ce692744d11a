/** `yesno`: two radios posting `yes` / `no` (labels in the respondent's language). */
import type { QuestionOf } from '../../domain/questions/index.js';
import { YESNO_CHOICES } from '../../domain/questions/yesno.js';
import type { Renderer } from './context.js';
import { optionList } from './parts/options.js';
import { group } from './parts/block.js';

export const yesno: Renderer<QuestionOf<'yesno'>> = (q, ctx) => {
  const m = ctx.messages;
  // The ids are what is stored; only the labels are in the respondent's language (§5).
  const choices =
    m === undefined ? YESNO_CHOICES : YESNO_CHOICES.map((c) => ({ ...c, text: m.t(c.id) }));
  return group(q, ctx, optionList('radio', choices, ctx));
};
