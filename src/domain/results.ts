/**
 * Turns the database's per-choice counts for one survey version into what the results page
 * shows: each question's choices with counts and whole-number percentages, and the drop-off.
 * The counting itself happens in SQL; this only arranges a few rows per question.
 */
import type { Question, Survey } from './survey.js';

export interface ChoiceTally {
  readonly question: number;
  readonly answer: string;
  readonly count: number;
}

export interface ChoiceResult {
  readonly choice: string;
  readonly count: number;
  /** Share of this question's answers, 0–100, rounded to a whole number. */
  readonly percent: number;
}

export interface QuestionResult {
  readonly index: number;
  readonly question: Question;
  /** How many respondents answered it. */
  readonly answered: number;
  /** How many got as far as it: every respondent for the first, those who answered the one before after that. */
  readonly reached: number;
  readonly choices: readonly ChoiceResult[];
}

/** Whole-number percentage, `0` when there is nothing to divide by. */
export function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 100);
}

/** Questions on one page of the results: a survey may have 1,000 (issue 18 item 5). */
export const QUESTIONS_PER_PAGE = 50;

/** The questions `from` (inclusive) to `to` (exclusive), 0-based. */
export interface QuestionRange {
  readonly from: number;
  readonly to: number;
}

/** How many pages the results of `survey` take (at least one: a survey has a question). */
export function resultPageCount(survey: Survey, perPage = QUESTIONS_PER_PAGE): number {
  return Math.max(1, Math.ceil(survey.questions.length / perPage));
}

/** The questions on results page `page` (1-based), or undefined past the last page. */
export function resultPageRange(
  survey: Survey,
  page: number,
  perPage = QUESTIONS_PER_PAGE,
): QuestionRange | undefined {
  if (!Number.isInteger(page) || page < 1 || page > resultPageCount(survey, perPage))
    return undefined;
  const from = (page - 1) * perPage;
  return { from, to: Math.min(from + perPage, survey.questions.length) };
}

/**
 * The tallies {@link summariseResults} needs for `range`: its questions and the one before
 * it, whose answers are how many reached the first of them.
 */
export function talliedRange(range: QuestionRange): QuestionRange {
  return { from: Math.max(0, range.from - 1), to: range.to };
}

/**
 * Per question of `range` (all by default; its tallies from {@link talliedRange}), every
 * choice in the survey's order (those nobody chose at 0). An answer text
 * that is not a choice of this version cannot occur (answers are validated against the version
 * they were given to), so it would only come from a hand-edited database and is left out.
 */
export function summariseResults(
  survey: Survey,
  started: number,
  tallies: readonly ChoiceTally[],
  range: QuestionRange = { from: 0, to: survey.questions.length },
): QuestionResult[] {
  const counts = new Map<string, number>();
  for (const t of tallies) counts.set(`${t.question}\u0000${t.answer}`, t.count);
  const answeredTo = (index: number) =>
    tallied(survey.questions[index]).reduce(
      (sum, choice) => sum + (counts.get(`${index}\u0000${choice.id}`) ?? 0),
      0,
    );
  let reached = range.from === 0 ? started : answeredTo(range.from - 1);
  return survey.questions.slice(range.from, range.to).map((question, offset) => {
    const index = range.from + offset;
    const perChoice = tallied(question).map((choice) => ({
      choice: choice.text,
      count: counts.get(`${index}\u0000${choice.id}`) ?? 0,
    }));
    const answered = perChoice.reduce((sum, c) => sum + c.count, 0);
    const result: QuestionResult = {
      index,
      question,
      answered,
      reached,
      choices: perChoice.map((c) => ({ ...c, percent: percentOf(c.count, answered) })),
    };
    reached = answered;
    return result;
  });
}

/** The choices whose stored id is the answer's one value (format 1: the choice text). */
function tallied(question: Question | undefined): readonly { id: string; text: string }[] {
  switch (question?.type) {
    case 'choice':
    case 'dropdown':
      return question.choices;
    default:
      return [];
  }
}
