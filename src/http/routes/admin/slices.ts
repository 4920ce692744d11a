import { setImmediate } from 'node:timers/promises';
import {
  summariseResults,
  talliedRange,
  type QuestionRange,
  type QuestionResult,
  type Survey,
} from '../../../domain/index.js';
import type { Storage } from '../../../storage/index.js';
import { html, resultSections, type SafeHtml } from '../../../views/index.js';

/** Questions counted and drawn between two turns of the event loop. */
const SLICE = 5;

export interface PageResults {
  readonly questions: readonly QuestionResult[];
  /** Their charts and tables. */
  readonly sections: SafeHtml;
}

/**
 * speed: a page of results, five questions at a time — their counts (one indexed query each
 * slice), then their charts and tables — with the event loop let go in between. A page of 50
 * questions × 50 choices is a megabyte of markup over 50,000 answers a thousand responses
 * give; SQLite counts on this thread, so counted and drawn in one go it held every other
 * request up for as long (issue 18 item 5; `npm run bench:results` measures it).
 */
export async function pageResults(
  storage: Storage,
  survey: Survey,
  version: { id: number; started: number },
  range: QuestionRange,
): Promise<PageResults> {
  const questions: QuestionResult[] = [];
  const parts: SafeHtml[] = [];
  for (let from = range.from; from < range.to; from += SLICE) {
    if (from > range.from) await setImmediate();
    const slice = { from, to: Math.min(from + SLICE, range.to) };
    const tallies = await storage.choiceCounts(version.id, talliedRange(slice));
    const results = summariseResults(survey, version.started, tallies, slice);
    questions.push(...results);
    parts.push(resultSections(results));
  }
  return { questions, sections: html`${parts}` };
}
