/**
 * Results across versions (SURVEYS.md §10): a question's figures add up every version in which
 * it is the same question. "Same" is decided on what its stored answers mean, not on how it
 * reads: the same id, the same type, and the same answer space — the ids of its choices, grid
 * rows and columns (and the columns' values, which grid means average), the rating scale.
 * Texts, help, required, Other's label and the like may change between versions: a fixed typo
 * does not split the figures, while a choice added, removed or renamed (in format 1 a choice's
 * id is its text) does, since answers given to one list cannot be counted against the other.
 */
import type { Question } from './questions/index.js';
import { usesPaths, type Survey, type SurveyPage } from './survey.js';

/** A stored version with its definition. */
export interface VersionedSurvey {
  readonly id: number;
  readonly number: number;
  readonly survey: Survey;
}

/** One question of one version, by 0-based index (the storage contract's `QuestionTarget`). */
export interface Target {
  readonly versionId: number;
  readonly question: number;
}

interface AnswerSpace {
  readonly id: string;
  readonly choices?: readonly { readonly id: string }[];
  readonly rows?: readonly { readonly id: string }[];
  readonly columns?: readonly { readonly id: string; readonly value?: number | undefined }[];
  readonly scale?: number;
}

/** What a question's stored answers are read against, as comparable text. */
export function answerSpace(question: Question): string {
  let space = spaces.get(question);
  if (space === undefined) {
    const q: AnswerSpace = question;
    space = JSON.stringify([
      question.id,
      question.type,
      q.choices?.map((c) => c.id) ?? null,
      q.rows?.map((r) => r.id) ?? null,
      q.columns?.map((c) => [c.id, c.value ?? null]) ?? null,
      q.scale ?? null,
    ]);
    spaces.set(question, space);
  }
  return space;
}

// speed: definitions are immutable once parsed, so a question's answer space and a survey's
// index by answer space are worked out once. Without them, `targetsOf` for each question of
// a results page stringified every question of every version: a page of a 1,000-question ×
// 50-choice survey spent ~100 ms of one turn of the event loop on it (issue 18 item 5).
const spaces = new WeakMap<Question, string>();
const indexes = new WeakMap<Survey, ReadonlyMap<string, number>>();

/** Each answer space of `survey` with the index of its first question that has it. */
function spaceIndex(survey: Survey): ReadonlyMap<string, number> {
  let index = indexes.get(survey);
  if (index === undefined) {
    const built = new Map<string, number>();
    survey.questions.forEach((q, i) => {
      const space = answerSpace(q);
      if (!built.has(space)) built.set(space, i);
    });
    indexes.set(survey, built);
    index = built;
  }
  return index;
}

export function sameQuestion(a: Question, b: Question): boolean {
  return answerSpace(a) === answerSpace(b);
}

/** Where `question` is in each of `versions` that has the same question. */
export function targetsOf(
  question: Question,
  versions: readonly VersionedSurvey[],
): readonly Target[] {
  const space = answerSpace(question);
  return versions.flatMap((v) => {
    const index = spaceIndex(v.survey).get(space);
    return index === undefined ? [] : [{ versionId: v.id, question: index }];
  });
}

/**
 * The page before each target, whose stored answer says the respondent reached this one
 * (answers are stored in order, one page a question); the first question's own answer for it,
 * so a response begun and left without an answer reaches nothing (issue 18 item 4).
 */
export function reachedOf(targets: readonly Target[]): readonly Target[] {
  return targets.map((t) => ({ versionId: t.versionId, question: Math.max(0, t.question - 1) }));
}

/** One page of one version, by 0-based index (the storage contract's `PageTarget`). */
export interface PageTarget {
  readonly versionId: number;
  readonly page: number;
}

/** What says a response was shown a question: rows of `reached`, or `current` as its page. */
export interface ShownBy {
  readonly reached: readonly Target[];
  readonly current: readonly PageTarget[];
}

/** The page of `survey` that asks question `question` (0-based). */
export function pageOf(survey: Survey, question: number): SurveyPage | undefined {
  return survey.pages.find((page) => page.questions.includes(question));
}

/**
 * Who was shown each target (SURVEYS.md §10). In a version with the classic flow, the
 * responses with a row for the question before it ({@link reachedOf}): unchanged. In a version
 * that `usesPaths`, the responses with a row for the question itself (they submitted its page
 * with it asked: every question asked on a submitted page has a row, even an empty one) and the
 * responses not completed whose current page (`responses.frontier`) holds it. When the question
 * has a `showIf` of its own, only its rows count: being on its page does not say the condition
 * held, and the path is not worked out again for every response to find out. Unless it is the
 * only question of its page: a page whose questions are all hidden is not on the path (§3), so
 * a response whose current page it is was shown it.
 */
export function shownBy(targets: readonly Target[], versions: readonly VersionedSurvey[]): ShownBy {
  const reached: Target[] = [];
  const current: PageTarget[] = [];
  for (const t of targets) {
    const survey = versions.find((v) => v.id === t.versionId)?.survey;
    if (survey === undefined || !usesPaths(survey)) {
      reached.push(...reachedOf([t]));
      continue;
    }
    reached.push(t);
    const page = pageOf(survey, t.question);
    const alone = page?.questions.length === 1;
    if (page !== undefined && (alone || survey.questions[t.question]?.showIf === undefined)) {
      current.push({ versionId: t.versionId, page: page.index });
    }
  }
  return { reached, current };
}

/** True when question `question` of `survey` is asked only under a condition (its own or its page's). */
export function behindCondition(survey: Survey, question: number): boolean {
  return (
    survey.questions[question]?.showIf !== undefined ||
    pageOf(survey, question)?.showIf !== undefined
  );
}

/**
 * A page of a `pages:` file in each of `versions` that has a page with the same id, with the
 * questions whose rows say it was submitted: what its drop-off line counts. A version that has
 * no such page adds nothing; the classic flow's versions have no frontier, so their pages are
 * never current.
 *
 * speed: a submitted page has a row for each question asked on it, and a question without a
 * `showIf` of its own is asked whenever its page is on the path and leaves only with it: its
 * rows alone say who submitted the page, one range of the index instead of one a question.
 */
export function pageTargetsOf(
  page: SurveyPage,
  versions: readonly VersionedSurvey[],
): { targets: readonly Target[]; current: readonly PageTarget[] } {
  const targets: Target[] = [];
  const current: PageTarget[] = [];
  for (const v of versions) {
    const same = v.survey.pages.find((p) => p.id === page.id);
    if (same === undefined) continue;
    const always = same.questions.find((q) => v.survey.questions[q]?.showIf === undefined);
    const counted = always === undefined ? same.questions : [always];
    targets.push(...counted.map((question) => ({ versionId: v.id, question })));
    current.push({ versionId: v.id, page: same.index });
  }
  return { targets, current };
}

/**
 * The versions a default results view adds up: the base, and every other version that has at
 * least one question the same as one of the base's. A version that shares none would add
 * nothing to any question, only to the response counts, so it is left to be seen alone; a
 * survey whose versions share no question shows its current version as it always did.
 */
export function versionsToAddUp(
  base: VersionedSurvey,
  all: readonly VersionedSurvey[],
): VersionedSurvey[] {
  const spaces = new Set(base.survey.questions.map(answerSpace));
  return all.filter(
    (v) => v.id === base.id || v.survey.questions.some((q) => spaces.has(answerSpace(q))),
  );
}
