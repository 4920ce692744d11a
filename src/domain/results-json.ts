/**
 * One question of `results.json` (SURVEYS.md §10): its id, type, text, how many reached and
 * answered it, then the figures its kind has (kind.ts `figures`), in the spec's order. The
 * Other texts are listed on the page, not here: the JSON has their count.
 */
import {
  isFormat1,
  kindOf,
  type Question,
  type QuestionsSurvey,
  type Summary,
} from './questions/index.js';

export type QuestionJson = {
  readonly id: string;
  readonly type: string;
  readonly text: string;
  readonly shown: number;
  readonly answered: number;
  /** Present (true) only when it is asked under a condition, its own or its page's. */
  readonly conditional?: true;
} & Omit<Summary, 'answered' | 'other'> & { readonly other?: { readonly count: number } };

/**
 * One page in `results.json` (SURVEYS.md §10: drop-off is per page): how many reached it
 * (submitted it, or it is their current page) and how many submitted it. A page of a
 * `questions:` file is its question: its id, and its text as the title.
 */
export interface PageJson {
  readonly id: string;
  readonly title?: string;
  readonly reached: number;
  readonly submitted: number;
  /** Present (true) only when the page (or a `questions:` file's question) has a `showIf`. */
  readonly conditional?: true;
}

/**
 * Whether a survey's drop-off counts pages submitted (SURVEYS.md §10): every format-2 file,
 * whose optional questions and statements are submitted without an answer. A format-1 file,
 * every question required, keeps its drop-off per question answered (PRODUCT.md), the same
 * figures under today's words.
 */
export function dropOffByPage(survey: QuestionsSurvey): boolean {
  return !isFormat1(survey);
}

export interface ResultsJson {
  readonly survey: string;
  readonly version: number;
  readonly started: number;
  readonly completed: number;
  readonly questions: readonly QuestionJson[];
  /** The drop-off, page by page (`dropOffByPage`); absent for a format-1 file. */
  readonly pages?: readonly PageJson[];
  /** `?by=QID`: the same figures for the responses of each of its choices. */
  readonly by?: {
    readonly id: string;
    readonly text: string;
    readonly groups: readonly (Omit<ResultsJson, 'survey' | 'version' | 'by'> & {
      readonly id: string;
      readonly text: string;
    })[];
  };
}

export function questionJson(
  q: Question,
  shown: number,
  summary: Summary,
  conditional = false,
): QuestionJson {
  const figures: Record<string, unknown> = {};
  for (const name of kindOf(q).figures) {
    const value = summary[name];
    if (value === undefined) continue;
    figures[name] = name === 'other' ? { count: summary.other?.count ?? 0 } : value;
  }
  return {
    id: q.id,
    type: q.type,
    text: q.text,
    shown,
    answered: summary.answered,
    ...(conditional ? { conditional: true as const } : {}),
    ...(figures as Omit<Summary, 'answered' | 'other'>),
  };
}
