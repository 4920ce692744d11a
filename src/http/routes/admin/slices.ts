import { setImmediate } from 'node:timers/promises';
import {
  filterChoices,
  kindOf,
  summariseResults,
  targetsOf,
  type Question,
  talliedRange,
  type ChoiceTally,
  type QuestionRange,
  type QuestionResult,
  type Survey,
} from '../../../domain/index.js';
import type { Storage } from '../../../storage/index.js';
import {
  figureSection,
  html,
  resultSections,
  type DropOffLine,
  type SafeHtml,
  type TextPage,
} from '../../../views/index.js';
import { narrowing, questionFigures, type ResultsScope } from './figures.js';

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

/** Text answers (and Other texts) listed per question and page. */
export const TEXTS_PER_PAGE = 10;

/** Which question's text list is paged past its first page (`?answers=QID&answersPage=N`). */
export interface TextPaging {
  readonly question: string | undefined;
  readonly page: number;
  readonly href: (question: string, page: number) => string;
}

export interface PageFigures {
  /** Who reached and answered each question, for the drop-off. */
  readonly questions: readonly DropOffLine[];
  readonly sections: SafeHtml;
}

/**
 * speed: the §10 figures of a page of questions, a slice at a time like {@link pageResults}:
 * each question's aggregates (a few indexed queries; domain/across.ts adds the versions up),
 * its text list where it has one, then its section; the event loop let go between slices.
 */
export async function pageFigures(
  storage: Storage,
  scope: ResultsScope,
  range: QuestionRange,
  /** Undefined: no text lists at all (a public link that leaves free text out). */
  paging: TextPaging | undefined,
  size: number,
  started?: number,
  /** The page filtered by a choice of a question (issue 17 item 1), for its bars' links. */
  filterHref?: (qid: string, choice: string) => string | undefined,
): Promise<PageFigures> {
  const lines: DropOffLine[] = [];
  const parts: SafeHtml[] = [];
  const questions = scope.base.survey.questions;
  for (let from = range.from; from < range.to; from += size) {
    if (from !== range.from) await setImmediate();
    for (let index = from; index < Math.min(from + size, range.to); index++) {
      const question = questions[index];
      if (question === undefined || !kindOf(question).answerable) continue;
      const [figures, texts] = await Promise.all([
        questionFigures(storage, question, scope, 0),
        paging === undefined ? undefined : textPage(storage, question, scope, paging),
      ]);
      lines.push({ index, question, reached: figures.shown, answered: figures.summary.answered });
      parts.push(
        figureSection({
          index,
          ...figures,
          ...(started === undefined ? {} : { started }),
          ...(texts === undefined ? {} : { texts }),
          ...(filterHref === undefined || filterChoices(question) === undefined
            ? {}
            : { filterHref: (choice: string) => filterHref(question.id, choice) }),
        }),
      );
    }
  }
  return { questions: lines, sections: html`${parts}` };
}

/** A page of the question's text answers, or of its Other texts; undefined when it has neither. */
async function textPage(
  storage: Storage,
  question: Question,
  scope: ResultsScope,
  paging: TextPaging,
): Promise<TextPage | undefined> {
  const free = ['text', 'longtext', 'email'].includes(question.type);
  const other = 'other' in question && question.other !== false;
  if (!free && !other) return undefined;
  const page = paging.question === question.id ? paging.page : 1;
  // One extra row says whether there is a next page, without counting them all.
  const rows = await storage.listTexts(
    {
      targets: targetsOf(question, scope.versions),
      other: !free,
      ...narrowing(scope),
    },
    { limit: TEXTS_PER_PAGE + 1, offset: (page - 1) * TEXTS_PER_PAGE },
  );
  return {
    items: rows.slice(0, TEXTS_PER_PAGE),
    page,
    more: rows.length > TEXTS_PER_PAGE,
    href: (n) => paging.href(question.id, n),
  };
}
