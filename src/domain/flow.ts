/**
 * The respondent flow as a pure state machine: the seed's flask-survey guard, per survey.
 *
 * A respondent's progress in one survey is the id of the response they began and how many
 * questions they have answered. It lives in their session (so any instance can serve any
 * request); the answers themselves live in the database. Every function here takes the
 * progress as it is and returns what to do next as a value: the HTTP layer only carries it out.
 */
import {
  parseAnswer,
  singleQuestionNames,
  toStoredValues,
  type FieldErrors,
  type FormFields,
  type StoredValues,
} from './questions/index.js';
import type { CheckMessages } from './questions/messages.js';
import type { Survey } from './survey.js';

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
export function guardQuestion(
  survey: Survey,
  progress: Progress | undefined,
  qid: number,
  written?: string,
): Guard {
  if (progress === undefined) return toStart;
  if (isComplete(survey, progress)) return toComplete;
  if (qid !== progress.answered) {
    return {
      kind: 'redirect',
      to: { page: 'question', qid: progress.answered },
      flash: invalidQuestionFlash(qid, written),
    };
  }
  return { kind: 'allow' };
}

/**
 * The seed's flash for page `qid`, whose digits in the URL were `written`: Flask's `int`
 * converter keeps every digit of any length (only leading zeros go), where a JavaScript number
 * rounds past 2^53 (`123456789012345678901` would read `123456789012345680000`).
 */
export function invalidQuestionFlash(qid: number, written?: string): string {
  const id = written === undefined ? String(qid) : written.replace(/^0+(?=[0-9])/, '');
  return `Invalid question id: ${id}.`;
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

/** Messages for the answer form's fields, keyed by field name (`answer`, `comment`, `answer.ROW`…). */
export type { FieldErrors } from './questions/index.js';

/** An answer ready to be stored: which question, and its values as storage keeps them. */
export interface AnswerRecord extends StoredValues {
  readonly question: number;
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
export type AnswerFormValues = FormFields;

/** The posted form as fields: strings and lists of strings; anything else is dropped. */
function formFields(body: unknown): FormFields {
  if (typeof body !== 'object' || body === null) return {};
  const form: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') form[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) form[name] = value;
  }
  return form;
}

/**
 * `POST /questions/:qid`, in the order the spec fixes: progress first (none → start page,
 * finished → completion page, stale `qid` → current question, even when the answer is
 * invalid), then the answer itself, parsed by its kind (`questions/`). `today` is injected
 * (`YYYY-MM-DD`, UTC) for `date` questions bounded by `today`.
 */
export function submitAnswer(
  survey: Survey,
  progress: Progress | undefined,
  qid: number,
  body: unknown,
  m: CheckMessages,
  today: () => string = utcToday,
): AnswerOutcome {
  if (progress === undefined) return toStart;
  if (isComplete(survey, progress)) return toComplete;
  if (qid !== progress.answered)
    return { kind: 'redirect', to: { page: 'question', qid: progress.answered } };

  const question = survey.questions[qid];
  if (question === undefined) return toComplete;
  const parsed = parseAnswer(formFields(body), question, {
    names: singleQuestionNames,
    today,
    m,
    languages: survey.languages,
  });
  if (parsed.kind === 'invalid') {
    return { kind: 'invalid', errors: parsed.errors, values: parsed.values };
  }
  const next: Progress = { ...progress, answered: qid + 1 };
  const completes = isComplete(survey, next);
  return {
    kind: 'record',
    answer: { question: qid, ...toStoredValues(question, parsed.answer) },
    progress: next,
    completes,
    to: completes ? { page: 'complete' } : { page: 'question', qid: qid + 1 },
  };
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

export { countCharacters } from './numbers.js';
