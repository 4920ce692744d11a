/**
 * The §10 figures (SURVEYS.md) as values, and the arithmetic that the reference oracles
 * share. The production figures will be SQL aggregates over the stored rows; these pure
 * functions say what those queries must return, so tests can compare the two.
 */
import type { StoredRow } from './kind.js';

/** The figures a kind may have in `results.json`. */
export type SummaryFigure =
  'choices' | 'other' | 'mean' | 'median' | 'min' | 'max' | 'nps' | 'rows' | 'items';

export interface ChoiceFigure {
  readonly id: string;
  readonly text: string;
  readonly count: number;
  /** Of those who answered the question (multi: of respondents, so they may total over 100). */
  readonly percent: number;
}

export interface Summary {
  readonly answered: number;
  readonly choices?: readonly ChoiceFigure[];
  readonly other?: { readonly count: number; readonly texts: readonly string[] };
  readonly mean?: number | null;
  readonly median?: number | string | null;
  readonly min?: number | string | null;
  readonly max?: number | string | null;
  readonly nps?: {
    readonly score: number | null;
    readonly promoters: number;
    readonly passives: number;
    readonly detractors: number;
  };
  readonly rows?: readonly {
    readonly id: string;
    readonly text: string;
    readonly answered: number;
    readonly choices: readonly ChoiceFigure[];
    readonly mean?: number | null;
  }[];
  readonly items?: readonly {
    readonly id: string;
    readonly text: string;
    readonly averageRank: number | null;
    readonly first: number;
  }[];
}

/** §10: every figure but a count is rounded to one decimal. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Percent of `total`, one decimal; 0 when nobody answered (no division by zero on an empty survey). */
export function percent(count: number, total: number): number {
  return total === 0 ? 0 : round1((count / total) * 100);
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : round1(values.reduce((a, b) => a + b, 0) / values.length);
}

/** The middle value, or the mean of the two middle values (what SQL's percentile_cont(0.5) gives). */
export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const hi = sorted[mid];
  if (hi === undefined) return null;
  const lo = sorted.length % 2 === 0 ? (sorted[mid - 1] ?? hi) : hi;
  return round1((lo + hi) / 2);
}

/** Rows that answer (not the comment): a response with any of them answered the question. */
export function answerRows(rows: readonly StoredRow[]): readonly StoredRow[] {
  return rows.filter((r) => r.role !== 'comment');
}

export function countAnswered(responses: readonly (readonly StoredRow[])[]): number {
  return responses.filter((rows) => answerRows(rows).length > 0).length;
}

/** The numbers stored for the question across responses (one per answering response). */
export function numbersOf(responses: readonly (readonly StoredRow[])[]): number[] {
  return responses.flatMap((rows) =>
    rows.flatMap((r) => (r.role === 'answer' && r.num !== null ? [r.num] : [])),
  );
}

/**
 * Counts per choice, in the survey's order (choices nobody picked at 0), with `other` when the
 * question offers it. Shared by choice, dropdown, yesno, consent and multi.
 */
export function choiceFigures(
  responses: readonly (readonly StoredRow[])[],
  choices: readonly { readonly id: string; readonly text: string }[],
  withOther: boolean,
): Summary {
  const answered = countAnswered(responses);
  const all = responses.flat();
  const count = (id: string) => all.filter((r) => r.role === 'answer' && r.value === id).length;
  const texts = all.filter((r) => r.role === 'other').map((r) => r.value);
  return {
    answered,
    choices: choices.map((c) => ({
      id: c.id,
      text: c.text,
      count: count(c.id),
      percent: percent(count(c.id), answered),
    })),
    ...(withOther ? { other: { count: texts.length, texts } } : {}),
  };
}
