/**
 * One question's answer as a whole: the kind's value plus the comment every answerable kind
 * may allow (`allowText`). The comment is handled here once, with format 1's messages and
 * limit, so no kind repeats it.
 */
import { MAX_COMMENT_LENGTH, ownsField, readOne, textProblem, type FormFields } from './form.js';
import type { FieldErrors, ParseContext, StoredRow } from './kind.js';
import { inLanguage } from './languages.js';
import { kindOf, type Question, type ValueOf } from './registry.js';

export interface Answer<V> {
  /** `null`: the page was submitted without an answer (an optional question). */
  readonly value: V | null;
  /** `null`: no comment (none asked for, or the box left empty). */
  readonly comment: string | null;
}

export type Parsed<V> =
  | { readonly kind: 'answer'; readonly answer: Answer<V> }
  | {
      readonly kind: 'invalid';
      readonly errors: FieldErrors;
      /** Every field of this question as posted, to fill the form in again (422). */
      readonly values: FormFields;
    };

/** True when the question offers a comment box. */
export function hasComment(q: Question): boolean {
  return 'allowText' in q && q.allowText !== false;
}

/** Parses one question's fields from a posted page. */
export function parseAnswer<Q extends Question>(
  form: FormFields,
  question: Q,
  ctx: ParseContext,
): Parsed<ValueOf<Q['type']>> {
  // Ids stay as they are in every language; only the texts a message quotes change.
  const local = inLanguage(question, ctx.languages, ctx.m.lang);
  const result = kindOf(question).parse(form, local, ctx);
  const errors: Record<string, string> = result.ok ? {} : { ...result.errors };
  let comment: string | null = null;
  if (hasComment(question)) {
    const posted = readOne(form, ctx.names.comment);
    if (posted.kind === 'many') errors[ctx.names.comment] = ctx.m.t('sendOneComment');
    else if (posted.kind === 'one') {
      const problem = textProblem(posted.value, MAX_COMMENT_LENGTH, 'comment', ctx.m);
      if (problem === undefined) comment = posted.value;
      else errors[ctx.names.comment] = problem;
    }
  }
  if (!result.ok || Object.keys(errors).length > 0) {
    const values = Object.fromEntries(
      Object.entries(form).filter(([name]) => ownsField(ctx.names, name)),
    );
    return { kind: 'invalid', errors, values };
  }
  return { kind: 'answer', answer: { value: result.value, comment } };
}

/** The stored rows of an answer: the kind's rows, then the comment's. */
export function answerRows<Q extends Question>(
  question: Q,
  answer: Answer<ValueOf<Q['type']>>,
): readonly StoredRow[] {
  const rows = answer.value === null ? [] : kindOf(question).toRows(answer.value, question);
  return answer.comment === null
    ? rows
    : [...rows, { role: 'comment', item: null, value: answer.comment, num: null }];
}

/** The answer back from its rows (a submitted page with no rows is an unanswered question). */
export function answerFromRows<Q extends Question>(
  question: Q,
  rows: readonly StoredRow[],
): Answer<ValueOf<Q['type']>> {
  return {
    value: kindOf(question).fromRows(rows, question),
    comment: rows.find((r) => r.role === 'comment')?.value ?? null,
  };
}
