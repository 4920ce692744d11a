/**
 * The §10 figures of a survey (SURVEYS.md): per question, the database's aggregates over the
 * versions where it is the same question (domain/across.ts), in the scope a request asks for,
 * turned into the kind's figures (domain/figures.ts). One storage call a question, each a
 * handful of indexed queries; nothing is counted in JavaScript.
 */
import { setImmediate } from 'node:timers/promises';
import {
  behindCondition,
  dropOffByPage,
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
  usesPaths,
} from '../../../domain/index.js';
import type {
  FigureQuery,
  GroupSet,
  NarrowedSet,
  QuestionFigures,
  RowCounts,
  Storage,
} from '../../../storage/index.js';

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
  /** Row counts read for the above in this request ({@link withNarrowed}). */
  readonly rows?: RowCounts;
}

/** How the storage contract narrows the responses: completed, started, the filters. */
export function narrowing(scope: ResultsScope) {
  return {
    completed: scope.completed,
    filters: scope.filters,
    ...(scope.started === undefined ? {} : { started: scope.started }),
    ...(scope.set === undefined ? {} : { set: scope.set }),
    ...(scope.rows === undefined ? {} : { rows: scope.rows }),
  };
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
  if (scope.set !== undefined) return run(scope.rows === undefined ? counting(scope) : scope);
  const narrowed = await storage.narrow(responseScope(scope));
  try {
    return await run(
      counting(narrowed.set === undefined ? scope : { ...scope, set: narrowed.set }),
    );
  } finally {
    await narrowed.release();
  }
}

/** `scope` keeping the row counts its questions read, for the request (RowCounts). */
const counting = (scope: ResultsScope): ResultsScope => ({ ...scope, rows: new Map() });

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
  const { query, assemble } = figureQuery(question, scope, otherTexts);
  return assemble(await storage.questionFigures(query));
}

/**
 * One question of a cross-tab: its figures in scope and in each group (Storage.crossFigures), no
 * Other texts listed.
 */
export async function crossQuestionFigures(
  storage: Storage,
  question: Question,
  scope: ResultsScope,
  groups: GroupSet,
): Promise<{ all: QuestionFiguresResult; groups: QuestionFiguresResult[] }> {
  const { query, assemble } = figureQuery(question, scope, 0);
  const figures = await storage.crossFigures(query, groups);
  return { all: assemble(figures.all), groups: figures.groups.map(assemble) };
}

/** What the storage counts of `question` in `scope`, and how its figures are read from that. */
function figureQuery(question: Question, scope: ResultsScope, otherTexts: number) {
  const targets = targetsOf(question, scope.versions);
  const kind = figuresOf(question);
  const { needs } = kind;
  const { reached, current } = shownBy(targets, scope.versions);
  const conditional = behindCondition(
    scope.base.survey,
    scope.base.survey.questions.findIndex((q) => q.id === question.id),
  );
  const query: FigureQuery = {
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
  };
  const assemble = (aggregates: QuestionFigures): QuestionFiguresResult => ({
    question,
    shown: aggregates.reached,
    conditional,
    summary: kind.assemble(aggregates, question),
    items: aggregates.items,
    bins: aggregates.numbers?.bins ?? [],
  });
  return { query, assemble };
}

/**
 * Runs `run` with the groups of `by` in `scope` computed once (Storage.group), then lets go of
 * them: every figure of every group from one grouped pass (decision 0026).
 */
export async function withGroups<T>(
  storage: Storage,
  scope: ResultsScope,
  by: ByGroups,
  run: (groups: GroupSet) => Promise<T>,
): Promise<T> {
  const grouped = await storage.group(
    responseScope(scope),
    by.groups.map((g) => g.filter),
  );
  try {
    return await run(grouped.groups);
  } finally {
    await grouped.release();
  }
}

/** `results.json`: every answerable question of the base version (statements left out). */
export function resultsJson(storage: Storage, scope: ResultsScope): Promise<ResultsJson> {
  return withNarrowed(storage, scope, (narrowed) => resultsJsonOf(storage, narrowed));
}

/**
 * `results.json` of `scope`, each question's figures from `figures` (by default its own, as
 * `questionFigures`; a cross-tab's come with its groups', crossTab).
 */
async function resultsJsonOf(
  storage: Storage,
  scope: ResultsScope,
  figures: (question: Question) => Promise<QuestionFiguresResult> = (question) =>
    questionFigures(storage, question, scope, 0),
): Promise<ResultsJson> {
  const { started, completed } = await storage.scopeCounts(responseScope(scope));
  const questions: QuestionJson[] = [];
  for (const [i, question] of scope.base.survey.questions.entries()) {
    if (!kindOf(question).answerable) continue;
    // speed: a 1,000-question survey lets other requests in between its questions, as the
    // page does between its slices (slices.ts).
    if (i > 0) await setImmediate();
    const { shown, summary, conditional } = await figures(question);
    questions.push(questionJson(question, shown, summary, conditional));
  }
  const pages = dropOffByPage(scope.base.survey)
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
  const survey = scope.base.survey;
  const counted = (page: SurveyPage) =>
    storage.pageCounts({ ...pageTargetsOf(page, scope.versions), ...narrowing(scope) });
  // The classic flow keeps no current page: as for its questions' `shown` (`reachedOf`), a
  // page is reached by those who submitted the one before it.
  const classic = !usesPaths(survey);
  const lines: PageJson[] = [];
  let last: { readonly index: number; readonly submitted: number } | undefined;
  for (const page of pages) {
    const counts = await counted(page);
    const before = classic && page.index > 0 ? survey.pages[page.index - 1] : undefined;
    const reached =
      before === undefined
        ? counts.reached
        : last?.index === before.index
          ? last.submitted
          : (await counted(before)).submitted;
    last = { index: page.index, submitted: counts.submitted };
    // A page of a `questions:` file is its one question, titled by its text.
    const question = survey.layout === 'questions' ? survey.questions[page.index] : undefined;
    const title = page.title ?? question?.text;
    lines.push({
      id: page.id,
      ...(title === undefined ? {} : { title }),
      reached,
      submitted: counts.submitted,
      ...((page.showIf ?? question?.showIf) === undefined ? {} : { conditional: true as const }),
    });
  }
  return lines;
}

/**
 * `?by=QID`: the figures of every question, once for all responses in scope and once for
 * the responses of each group (a filter added per group), both asked for at once a question
 * (Storage.crossFigures).
 */
export async function crossTab(
  storage: Storage,
  scope: ResultsScope,
  by: ByGroups,
): Promise<ResultsJson> {
  return withNarrowed(storage, scope, (narrowed) =>
    withGroups(storage, narrowed, by, async (groups) => {
      const counts = await storage.groupScopeCounts(groups);
      const questions = by.groups.map((): QuestionJson[] => []);
      const all = await resultsJsonOf(storage, narrowed, async (question) => {
        const figures = await crossQuestionFigures(storage, question, narrowed, groups);
        figures.groups.forEach((f, g) =>
          questions[g]?.push(questionJson(question, f.shown, f.summary, f.conditional)),
        );
        return figures.all;
      });
      return {
        ...all,
        by: {
          id: by.id,
          text: by.text,
          groups: groupHeads(by, counts).map((head, i) => ({
            ...head,
            questions: questions[i] ?? [],
          })),
        },
      };
    }),
  );
}

/** Each group of `by` with its started and completed counts (Storage.groupScopeCounts). */
export function groupHeads(
  by: ByGroups,
  counts: readonly { started: number; completed: number }[],
): { id: string; text: string; started: number; completed: number }[] {
  return by.groups.map((group, i) => ({
    id: group.id,
    text: group.text,
    started: counts[i]?.started ?? 0,
    completed: counts[i]?.completed ?? 0,
  }));
}
