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

/**
 * Per question, every choice in the survey's order (those nobody chose at 0). An answer text
 * that is not a choice of this version cannot occur (answers are validated against the version
 * they were given to), so it would only come from a hand-edited database and is left out.
 */
export function summariseResults(
  survey: Survey,
  started: number,
  tallies: readonly ChoiceTally[],
): QuestionResult[] {
  const counts = new Map<string, number>();
  for (const t of tallies) counts.set(`${t.question}\u0000${t.answer}`, t.count);
  let reached = started;
  return survey.questions.map((question, index) => {
    const perChoice = question.choices.map((choice) => ({
      choice,
      count: counts.get(`${index}\u0000${choice}`) ?? 0,
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
