/** What every renderer is given, and the type of one kind's renderer. */
import type { FieldErrors, FieldNames, FormFields } from '../../domain/questions/index.js';
import { messages, type Messages } from '../../i18n/index.js';
import type { SafeHtml } from '../html.js';

export interface RenderContext {
  /** The question's field names on its page (`singleQuestionNames` on a `questions:` page). */
  readonly names: FieldNames;
  /** What to show filled in: posted values on a 422, stored values under Back; may be `{}`. */
  readonly values: FormFields;
  /** Messages keyed by field name (`names.answer`, `names.other`, `names.comment`, `names.part(id)`). */
  readonly errors: FieldErrors;
  /** The seed of `shuffle`, so the order is the same on reload, after Back and after resume. */
  readonly responseId: number;
  /** `h1` when the page has one question (`questions:` files); `h2` on a page of several. */
  readonly heading: 'h1' | 'h2';
  /**
   * Today as `YYYY-MM-DD`, for `date` bounds written `today`. Absent, such a bound is left out
   * of the input's `min`/`max` (the hint still says "today"; the server checks it either way).
   */
  readonly today?: string;
  /** The respondent's language for Canvass's own words (yes/no, Other…); English if absent. */
  readonly messages?: Messages;
}

/** The messages to write Canvass's own words in: the respondent's, English when absent. */
export const wordsOf = (ctx: RenderContext): Messages => ctx.messages ?? messages('en');

/** Renders one kind's question: its whole block, without the comment box (index.ts adds it). */
export type Renderer<Q> = (question: Q, ctx: RenderContext) => SafeHtml;
