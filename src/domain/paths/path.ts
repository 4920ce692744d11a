/**
 * The path (SURVEYS.md §4) as a pure function of the definition and the answers: the pages
 * whose conditions hold under the answers stored on the path before them, in file order, cut
 * after the first submitted page whose `endIf` holds. One forward pass: a condition may only
 * look at earlier pages (an `endIf` also at its own), so the path can never loop. The frontier
 * is the first page on the path not yet submitted; the response is complete when there is none.
 * A survey without conditions has every page on its path and its frontier is the number of
 * pages submitted, as the classic flow's "number answered".
 */
import type { Question } from '../questions/index.js';
import type { Condition } from './condition.js';
import { holds, holdsYet, type Facts } from './evaluate.js';

export interface PageQuestion {
  readonly question: Question;
  readonly showIf?: Condition | undefined;
  readonly endIf?: Condition | undefined;
}

/** One page of a survey: `index` is its position in the file (the URL's page number). */
export interface Page {
  readonly index: number;
  readonly showIf?: Condition | undefined;
  readonly questions: readonly PageQuestion[];
}

export interface PathState {
  /** The page numbers on the path, in order (after the frontier: as far as known now). */
  readonly pages: readonly number[];
  /**
   * The pages that may yet be on the path: the path up to its frontier, then every later page
   * that the answers still to come (on the frontier and after it) could put on it, cut after
   * an ending that holds whatever they are. Going forward only ever takes pages out of it, so
   * "submitted ÷ possible" never goes back (SURVEYS.md §4's progress bar, decision 0032).
   */
  readonly possible: readonly number[];
  /** The first page on the path not yet submitted; undefined once complete. */
  readonly frontier: number | undefined;
  readonly complete: boolean;
  /** The pages on the path that are submitted (after a Back, some may follow the frontier). */
  readonly submitted: ReadonlySet<number>;
  /** The question whose `endIf` ended the survey, when one did. */
  readonly endedBy?: string;
  /** Per page on the path, the ids of its questions that are asked. */
  readonly asked: ReadonlyMap<number, readonly string[]>;
}

/** A `questions:` file as pages: one question a page, its `showIf` the page's. */
export function questionPages(questions: readonly Question[]): Page[] {
  return questions.map((question, index) => ({
    index,
    questions: [{ question, showIf: question.showIf, endIf: question.endIf }],
  }));
}

/**
 * Which pages a response has submitted: a set of page numbers, or a test of a page given the ids
 * of its questions that are asked now (the flow's rule: a page is submitted when each of them
 * has a stored answer, so a question a changed path newly shows there is asked again).
 */
export type Submitted = ReadonlySet<number> | ((page: Page, asked: readonly string[]) => boolean);

/**
 * The path of a response. `facts.answers` holds the stored answers (absent: not given);
 * `submitted` says which pages the response has submitted. Answers on pages off the path are
 * never looked at, so an answer left behind by a changed path cannot steer it.
 */
export function pathOf(pages: readonly Page[], facts: Facts, submitted: Submitted): PathState {
  const isSubmitted =
    typeof submitted === 'function' ? submitted : (page: Page) => submitted.has(page.index);
  const given = new Map<string, unknown>();
  const known: Facts = { ...facts, answers: given };
  const path: number[] = [];
  const asked = new Map<number, readonly string[]>();
  const done = new Set<number>();
  // The questions that may still be answered: those a page not yet submitted may ask.
  const open = new Set<string>();
  const possible: number[] = [];
  let settled = false;
  let frontier: number | undefined;
  let endedBy: string | undefined;
  // A condition that holds on the answers so far may hold (they are one way the rest can go);
  // one that does not is decided again, three-valued, only while some answer is still to come:
  // before the frontier nothing is, and the path costs what it did.
  const holdsNow = (condition: Condition | undefined) =>
    condition === undefined || holds(condition, known);
  const maybe = (condition: Condition | undefined, now: boolean) =>
    now || (condition !== undefined && open.size > 0 && holdsYet(condition, known, open) !== false);
  const surely = (condition: Condition | undefined) =>
    condition === undefined || holdsYet(condition, known, open) === true;
  for (const page of pages) {
    const pageNow = holdsNow(page.showIf);
    const shown = pageNow ? page.questions.filter((q) => holdsNow(q.showIf)) : [];
    // What the page may ask: with nothing still to come, what it asks.
    const mayAsk =
      open.size === 0
        ? shown
        : maybe(page.showIf, pageNow)
          ? page.questions.filter((q) => maybe(q.showIf, holdsNow(q.showIf)))
          : [];
    if (mayAsk.length > 0 && !settled) possible.push(page.index);
    const ids = shown.map((q) => q.question.id);
    const submittedHere = shown.length > 0 && isSubmitted(page, ids);
    // What the page may ask and has no answer for yet stays open (after a Back, a submitted
    // page may come to ask a question it did not).
    for (const { question } of mayAsk) {
      if (!submittedHere || !ids.includes(question.id)) open.add(question.id);
    }
    // An ending on a question this page surely asks, decided already: nothing comes after it.
    if (!submittedHere && surely(page.showIf)) {
      settled ||= mayAsk.some((q) => q.endIf !== undefined && surely(q.showIf) && surely(q.endIf));
    }
    if (shown.length === 0) continue;
    path.push(page.index);
    asked.set(page.index, ids);
    if (!submittedHere) {
      frontier ??= page.index;
      continue;
    }
    done.add(page.index);
    for (const { question } of shown) {
      const value = facts.answers.get(question.id);
      given.set(question.id, value ?? null);
    }
    const ending = shown.find((q) => q.endIf !== undefined && holds(q.endIf, known));
    if (ending !== undefined) {
      endedBy = ending.question.id;
      break;
    }
  }
  return {
    pages: path,
    possible,
    frontier,
    complete: frontier === undefined,
    submitted: done,
    asked,
    ...(endedBy === undefined ? {} : { endedBy }),
  };
}
