/**
 * The respondent flow as a pure state machine: the seed's flask-survey guard, per survey.
 *
 * A respondent's progress in one survey is the id of the response they began and how many
 * questions they have answered. It lives in their session (so any instance can serve any
 * request); the answers themselves live in the database. Every function here takes the
 * progress as it is and returns what to do next as a value: the HTTP layer only carries it out.
 */
import { z } from 'zod';
import { MAX_COMMENT_LENGTH, type Survey } from './survey.js';
import { formatCount } from './numbers.js';

/** How far a respondent is in one survey. `answered === questions.length` means complete. */
export interface Progress {
  readonly responseId: number;
  readonly answered: number;
  /**
   * The survey version the response was begun on: the flow keeps showing that version's
   * questions even after the file changes. Absent in progress written before versions existed.
   */
  readonly versionId?: number;
}

/** A page of the flow that a guard may send the respondent to. */
export type Target =
  | { readonly page: 'start' }
  | { readonly page: 'question'; readonly qid: number }
  | { readonly page: 'complete' };

/** The verdict of a guard: go on, or redirect (with a flash message for out-of-order visits). */
export type Guard =
  | { readonly kind: 'allow' }
  | { readonly kind: 'redirect'; readonly to: Target; readonly flash?: string };

const toStart = { kind: 'redirect', to: { page: 'start' } } as const;
const toComplete = { kind: 'redirect', to: { page: 'complete' } } as const;

/** True once every question has an answer (a survey that lost questions counts as done too). */
export function isComplete(survey: Survey, progress: Progress): boolean {
  return progress.answered >= survey.questions.length;
}

/**
 * The seed's guard for `GET /questions/:qid`: too soon → the start page; all answered →
 * the completion page (no flash); out of order → flash `Invalid question id: {qid}.` and the
 * current question.
 */
export function guardQuestion(survey: Survey, progress: Progress | undefined, qid: number): Guard {
  if (progress === undefined) return toStart;
  if (isComplete(survey, progress)) return toComplete;
  if (qid !== progress.answered) {
    return {
      kind: 'redirect',
      to: { page: 'question', qid: progress.answered },
      flash: `Invalid question id: ${qid}.`,
    };
  }
  return { kind: 'allow' };
}

/** The guard for the completion page: only once the last answer is in. */
export function guardComplete(survey: Survey, progress: Progress | undefined): Guard {
  if (progress === undefined) return toStart;
  if (!isComplete(survey, progress)) {
    return { kind: 'redirect', to: { page: 'question', qid: progress.answered } };
  }
  return { kind: 'allow' };
}

/** What `begin` does: start a fresh attempt, or refuse a retake of a completed survey. */
export type BeginDecision =
  { readonly kind: 'start' } | { readonly kind: 'redirect'; readonly to: Target };

export function decideBegin(survey: Survey, progress: Progress | undefined): BeginDecision {
  if (progress !== undefined && isComplete(survey, progress) && !survey.allowRetake)
    return toComplete;
  return { kind: 'start' };
}

/** Whether a completed survey may be taken again from its start page. */
export function canStart(survey: Survey, progress: Progress | undefined): boolean {
  return decideBegin(survey, progress).kind === 'start';
}

/** The fresh progress of an attempt that was just begun. */
export function beginProgress(responseId: number, versionId?: number): Progress {
  return versionId === undefined
    ? { responseId, answered: 0 }
    : { responseId, answered: 0, versionId };
}

/** Errors for the answer form's fields, shown beside the fields they belong to. */
export interface FieldErrors {
  readonly answer?: string;
  readonly comment?: string;
}

/** An answer ready to be stored. */
export interface AnswerRecord {
  readonly question: number;
  readonly answer: string;
  readonly comment: string | null;
}

export type AnswerOutcome =
  | { readonly kind: 'redirect'; readonly to: Target }
  | { readonly kind: 'invalid'; readonly errors: FieldErrors; readonly values: AnswerFormValues }
  | {
      readonly kind: 'record';
      readonly answer: AnswerRecord;
      readonly progress: Progress;
      readonly completes: boolean;
      readonly to: Target;
    };

/** What the respondent sent, echoed back into the form when it is shown again with errors. */
export interface AnswerFormValues {
  readonly answer?: string;
  readonly comment?: string;
}

const field = z.union([z.string(), z.array(z.string())]).optional();
const answerFormSchema = z.looseObject({ answer: field, comment: field });

/**
 * `POST /questions/:qid`, in the order the spec fixes: progress first (none → start page,
 * finished → completion page, stale `qid` → current question, even when the answer is
 * invalid), then the answer itself.
 */
export function submitAnswer(
  survey: Survey,
  progress: Progress | undefined,
  qid: number,
  body: unknown,
): AnswerOutcome {
  if (progress === undefined) return toStart;
  if (isComplete(survey, progress)) return toComplete;
  if (qid !== progress.answered)
    return { kind: 'redirect', to: { page: 'question', qid: progress.answered } };

  const question = survey.questions[qid];
  if (question === undefined) return toComplete;
  const form = answerFormSchema.safeParse(body ?? {});
  const answer = form.success ? form.data.answer : undefined;
  const comment = form.success ? form.data.comment : undefined;
  const values: AnswerFormValues = {
    ...(typeof answer === 'string' ? { answer } : {}),
    ...(typeof comment === 'string' ? { comment } : {}),
  };

  const errors: { answer?: string; comment?: string } = {};
  if (answer === undefined || answer === '') errors.answer = 'Please choose an answer.';
  else if (typeof answer !== 'string') errors.answer = 'Please choose exactly one answer.';
  else if (!question.choices.includes(answer))
    errors.answer = 'Please choose one of the listed answers.';
  if (question.allowText) {
    if (Array.isArray(comment)) errors.comment = 'Please send one comment.';
    else if (comment !== undefined && countCharacters(comment) > MAX_COMMENT_LENGTH) {
      errors.comment = `Your comment is too long: ${formatCount(countCharacters(comment))} characters, at most ${formatCount(MAX_COMMENT_LENGTH)}.`;
    }
    // PostgreSQL text cannot hold U+0000 (it failed as a 500 there); no keyboard types it.
    else if (comment?.includes('\u0000') === true) {
      errors.comment = 'Your comment contains a character that cannot be stored (NUL).';
    }
  }
  if (errors.answer !== undefined || errors.comment !== undefined || typeof answer !== 'string') {
    return { kind: 'invalid', errors, values };
  }

  const next: Progress = { ...progress, answered: qid + 1 };
  const completes = isComplete(survey, next);
  return {
    kind: 'record',
    answer: {
      question: qid,
      answer,
      // A comment is kept only where the survey asks for one, and an empty box is no comment.
      comment: question.allowText && typeof comment === 'string' && comment !== '' ? comment : null,
    },
    progress: next,
    completes,
    to: completes ? { page: 'complete' } : { page: 'question', qid: qid + 1 },
  };
}

/** Characters as a person counts them (code points), not UTF-16 units: an emoji is one. */
export function countCharacters(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
