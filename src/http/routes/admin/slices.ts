import { setImmediate } from 'node:timers/promises';
import {
  summariseResults,
  talliedRange,
  type ChoiceTally,
  type QuestionRange,
  type QuestionResult,
  type Survey,
} from '../../../domain/index.js';
import type { Storage } from '../../../storage/index.js';
import { html, resultSections, type SafeHtml } from '../../../views/index.js';

/** Questions counted and drawn between two turns of the event loop, at most. */
const MAX_SLICE = 5;
/**
 * About how many answers one turn may count: ~20 ms of SQLite walking its index here. A
 * question has at most one answer per started response, so a version with many responses is
 * counted fewer questions at a time (one at a time from 10,000 responses on).
 */
const ANSWERS_PER_TURN = 50_000;

/** How many questions of a version with `started` responses to count in one turn. */
export function sliceSize(started: number): number {
  return Math.max(1, Math.min(MAX_SLICE, Math.floor(ANSWERS_PER_TURN / Math.max(1, started))));
}

export interface PageResults {
  readonly questions: readonly QuestionResult[];
  /** Their charts and tables. */
  readonly sections: SafeHtml;
}

/**
 * speed: a page of results, a few questions at a time ({@link sliceSize}) — their counts (one
 * indexed query a slice), then their charts and tables — with the event loop let go between. A page of 50
 * questions × 50 choices is a megabyte of markup over 50,000 answers a thousand responses
 * give; SQLite counts on this thread, so counted and drawn in one go it held every other
 * request up for as long (issue 18 item 5; `npm run bench:results` measures it).
 */
export async function pageResults(
  storage: Storage,
  survey: Survey,
  version: { id: number; started: number },
  range: QuestionRange,
  size = sliceSize(version.started),
): Promise<PageResults> {
  const questions: QuestionResult[] = [];
  const parts: SafeHtml[] = [];
  // The counts of the question before a slice, which say how many reached its first question:
  // read by the first slice, carried over from the slice before after that.
  let before: readonly ChoiceTally[] = [];
  for (let from = range.from; from < range.to; from += size) {
    const slice = { from, to: Math.min(from + size, range.to) };
    const first = from === range.from;
    if (!first) await setImmediate();
    const counted = await storage.choiceCounts(version.id, first ? talliedRange(slice) : slice);
    const results = summariseResults(survey, version.started, [...before, ...counted], slice);
    before = counted.filter((tally) => tally.question === slice.to - 1);
    questions.push(...results);
    parts.push(resultSections(results));
  }
  return { questions, sections: html`${parts}` };
}
