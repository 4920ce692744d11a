/**
 * Opening, closing and caps (SURVEYS.md §8), as pure decisions over a survey and a moment.
 * `opens` and `closes` are ISO 8601 date-times with an offset, so every server reads the same
 * moment whatever its time zone. New responses begin only between them and while the survey
 * is not full; a respondent already under way may go on answering until an hour after
 * `closes` (the grace), so someone on the last page at closing time is not turned away.
 * Whether the survey is full is the database's to say (storage `isFull`, and the completing
 * write itself); here it is an input.
 */
import type { Survey, SurveyDefinition } from './survey.js';

/** How long after `closes` a respondent already under way may still answer. */
export const CLOSING_GRACE_MS = 60 * 60 * 1000;

/** Whether a new response may begin, and if not why (the start page says which). */
export type Availability =
  | { readonly kind: 'open' }
  | { readonly kind: 'not-open-yet'; readonly opens: string }
  | { readonly kind: 'closed' }
  | { readonly kind: 'full' };

/** True when the survey has any of §8's keys: only then is there anything to decide. */
export function hasWindow(survey: SurveyDefinition): boolean {
  return (
    survey.opens !== undefined || survey.closes !== undefined || survey.maxResponses !== undefined
  );
}

/** Whether a response may begin at `now` (ms since the epoch), given whether it is `full`. */
export function availability(survey: SurveyDefinition, now: number, full: boolean): Availability {
  if (survey.opens !== undefined && now < Date.parse(survey.opens))
    return { kind: 'not-open-yet', opens: survey.opens };
  if (survey.closes !== undefined && now >= Date.parse(survey.closes)) return { kind: 'closed' };
  return full ? { kind: 'full' } : { kind: 'open' };
}

/**
 * Whether a respondent already under way may still answer at `now`: until `closes` plus the
 * grace. Before `opens` nobody can be under way but through an edited file, and they may go
 * on: refusing them would lose answers to a mistake that is not theirs.
 */
export function acceptsAnswers(survey: SurveyDefinition, now: number): boolean {
  return survey.closes === undefined || now < Date.parse(survey.closes) + CLOSING_GRACE_MS;
}

/** The cap storage enforces for a survey, or undefined when it has none. */
export function capOf(survey: Survey): { survey: string; max: number } | undefined {
  return survey.maxResponses === undefined
    ? undefined
    : { survey: survey.slug, max: survey.maxResponses };
}

/**
 * What the start page says instead of Start: the file's `closedMessage`, or the built-in
 * sentence for the reason.
 */
export function closedText(
  survey: SurveyDefinition,
  reason: Exclude<Availability, { kind: 'open' }>,
): string {
  if (survey.closedMessage !== undefined) return survey.closedMessage;
  switch (reason.kind) {
    case 'not-open-yet':
      return `This survey is not open yet, it opens on ${momentText(reason.opens)}.`;
    case 'closed':
      return 'This survey is closed.';
    case 'full':
      return 'This survey has all the responses it needs.';
  }
}

/**
 * `2030-03-01T09:00:00+01:00` as `2030-03-01 at 09:00 (UTC+01:00)`: the moment in the offset
 * the owner wrote, which is the one their respondents most likely live in.
 */
export function momentText(iso: string): string {
  const parts = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(
    iso,
  );
  if (parts === null) return iso;
  const [, day, time, offset] = parts as unknown as [string, string, string, string];
  return `${day} at ${time} (UTC${offset === 'Z' ? '' : offset})`;
}

/**
 * The time to store for a response of `survey` (its start, an answer, its completion): `at`
 * itself, or under `timestamps: day` (SURVEYS.md §1) the start of its UTC date, so the stored
 * times of such a survey say on which day, never when in the day.
 */
export function storedTime(survey: { readonly timestamps: 'exact' | 'day' }, at: Date): Date {
  if (survey.timestamps === 'exact') return at;
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
