/**
 * The §10 figures of a survey (SURVEYS.md): per question, the database's aggregates over the
 * versions where it is the same question (domain/across.ts), in the scope a request asks for,
 * turned into the kind's figures (domain/figures.ts). One storage call a question, each a
 * handful of indexed queries; nothing is counted in JavaScript.
 */
import { setImmediate } from 'node:timers/promises';
import {
  behindCondition,
  figuresOf,
  kindOf,
  pageTargetsOf,
  questionJson,
  shownBy,
  targetsOf,
  type AnswerFilter,
  type ByGroups,
  type PageJson,
  type Question,
  type QuestionJson,
  type SurveyPage,
  type ResultsJson,
  type StartedDays,
  type Summary,
  type VersionedSurvey,
} from '../../../domain/index.js';
import type { NarrowedSet, Storage } from '../../../storage/index.js';

/** What a results request counts: the version shown, the versions added up, the responses. */
export interface ResultsScope {
  /** The version whose questions and texts are shown (`version` in the JSON). */
  readonly base: VersionedSurvey;
  /** The versions added up: every version by default, the base alone with `?version=N`. */
  readonly versions: readonly VersionedSurvey[];
  readonly completed: boolean;
  readonly filters: readonly AnswerFilter[];
  /** `?from=…&to=…`: the days the responses counted were started on. */
  readonly started?: StartedDays;
  /** The responses of the above, computed once for the request ({@link withNarrowed}). */
  readonly set?: NarrowedSet;
}

/** How the storage contract narrows the responses: completed, started, the filters. */
export function narrowing(scope: ResultsScope) {
  return {
    completed: scope.completed,
    filters: scope.filters,
    ...(scope.started === undefined ? {} : { started: scope.started }),
    ...(scope.set === undefined ? {} : { set: scope.set }),
  };
}

/** `scope` with one filter more (a cross-tab's group): its set, if any, no longer applies. */
export function withFilter(scope: ResultsScope, filter: AnswerFilter): ResultsScope {
  const { set: _set, ...rest } = scope;
  return { ...rest, filters: [...scope.filters, filter] };
}

/**
 * Runs `run` with the responses of `scope` computed once (Storage.narrow), then lets go of
 * them: a results request's dozens of aggregates read one set instead of each reading every
 * filter's (docs/decisions/0024-results-at-scale.md).
 */
export async function withNarrowed<T>(
  storage: Storage,
  scope: ResultsScope,
  run: (scope: ResultsScope) => Promise<T>,
): Promise<T> {
  if (scope.set !== undefined) return run(scope);
  const narrowed = await storage.narrow(responseScope(scope));
  try {
    return await run(narrowed.set === undefined ? scope : { ...scope, set: narrowed.set });
  } finally {
    await narrowed.release();
  }
}

/** {@link withNarrowed} for several scopes at once. */
export async function withAllNarrowed<T>(
  storage: Storage,
  scopes: readonly ResultsScope[],
  run: (scopes: ResultsScope[]) => Promise<T>,
): Promise<T> {
  const [first, ...rest] = scopes;
  if (first === undefined) return run([]);
  return withNarrowed(storage, first, (one) =>
    withAllNarrowed(storage, rest, (others) => run([one, ...others])),
  );
}

/** The storage contract's scope of responses: the versions and the narrowing. */
export function responseScope(scope: ResultsScope) {
  return { versionIds: scope.versions.map((v) => v.id), ...narrowing(scope) };
}

/** Other texts listed with a question's figures (the page pages through the rest). */
export const OTHER_TEXTS = 10;

export interface QuestionFiguresResult {
  readonly question: Question;
  readonly shown: number;
  /** True when it is asked under a condition (its own or its page's `showIf`) in the base version. */
  readonly conditional: boolean;
  readonly summary: Summary;
  /** Per (item, value) counts, for the page's item × rank table. */
  readonly items: readonly { item: string | null; value: string; count: number }[];
  /** Number and date answers in up to ten ranges, for the page's histogram. */
  readonly bins: readonly { from: number; to: number; count: number }[];
}

/** One question's figures in scope. */
export async function questionFigures(
  storage: Storage,
  question: Question,
  scope: ResultsScope,
  otherTexts = OTHER_TEXTS,
): Promise<QuestionFiguresResult> {
  const targets = targetsOf(question, scope.versions);
  const kind = figuresOf(question);
  const { needs } = kind;
  const { reached, current } = shownBy(targets, scope.versions);
  const aggregates = await storage.questionFigures({
    targets,
    reached,
    current,
    ...narrowing(scope),
    values: needs.values,
    items: needs.items,
    numbers: needs.numbers,
    bins: needs.bins,
    other: needs.other,
    otherTexts: needs.other ? otherTexts : 0,
  });
  return {
    question,
    shown: aggregates.reached,
    conditional: behindCondition(
      scope.base.survey,
      scope.base.survey.questions.findIndex((q) => q.id === question.id),
    ),
    summary: kind.assemble(aggregates, question),
    items: aggregates.items,
    bins: aggregates.numbers?.bins ?? [],
  };
}

/** `results.json`: every answerable question of the base version (statements left out). */
export function resultsJson(storage: Storage, scope: ResultsScope): Promise<ResultsJson> {
  return withNarrowed(storage, scope, (narrowed) => resultsJsonOf(storage, narrowed));
}

async function resultsJsonOf(storage: Storage, scope: ResultsScope): Promise<ResultsJson> {
  const { started, completed } = await storage.scopeCounts(responseScope(scope));
  const questions: QuestionJson[] = [];
  for (const [i, question] of scope.base.survey.questions.entries()) {
    if (!kindOf(question).answerable) continue;
    // speed: SQLite counts on this thread; a 1,000-question survey lets other requests in
    // between its questions, as the page does between its slices (slices.ts).
    if (i > 0) await setImmediate();
    const { shown, summary, conditional } = await questionFigures(storage, question, scope, 0);
    questions.push(questionJson(question, shown, summary, conditional));
  }
  const pages =
    scope.base.survey.layout === 'pages'
      ? { pages: await pageLines(storage, scope, scope.base.survey.pages) }
      : {};
  return {
    survey: scope.base.survey.slug,
    version: scope.base.number,
    started,
    completed,
    questions,
    ...pages,
  };
}

/**
 * The drop-off of `pages` of a `pages:` file (SURVEYS.md §10): per page, who reached it and who
 * submitted it, over every version in scope that has a page with its id.
 */
export async function pageLines(
  storage: Storage,
  scope: ResultsScope,
  pages: readonly SurveyPage[],
): Promise<PageJson[]> {
  const lines: PageJson[] = [];
  for (const page of pages) {
    const { targets, current } = pageTargetsOf(page, scope.versions);
    const counts = await storage.pageCounts({
      targets,
      current,
      ...narrowing(scope),
    });
    lines.push({
      id: page.id,
      ...(page.title === undefined ? {} : { title: page.title }),
      reached: counts.reached,
      submitted: counts.submitted,
      ...(page.showIf === undefined ? {} : { conditional: true as const }),
    });
  }
  return lines;
}

/**
 * `?by=QID`: the figures of every question, once for all responses in scope and once for
 * the responses of each group (a filter added per group).
 */
export async function crossTab(
  storage: Storage,
  scope: ResultsScope,
  by: ByGroups,
): Promise<ResultsJson> {
  const all = await resultsJson(storage, scope);
  const groups = [];
  for (const group of by.groups) {
    const { started, completed, questions } = await resultsJson(
      storage,
      withFilter(scope, group.filter),
    );
    groups.push({ id: group.id, text: group.text, started, completed, questions });
  }
  return { ...all, by: { id: by.id, text: by.text, groups } };
}
