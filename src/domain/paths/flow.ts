/**
 * The respondent flow of a survey that uses paths (SURVEYS.md §4): pages, conditions, Back and
 * revisions. The classic flow (domain/flow.ts) stays as it is for every other survey; this is
 * its generalisation, and on a survey without conditions it gives the same frontier.
 *
 * Every function is pure: it takes the progress the session holds (a cache), what the database
 * holds of the response (its revision and answers: the truth) and the request, and returns what
 * to do as a value. docs/decisions/0015-paths-and-revisions.md records the design.
 */
import { invalidQuestionFlash, type Progress, type Target } from '../flow.js';
import {
  fromStoredValues,
  parsePage,
  type FieldErrors,
  type FormFields,
  type Question,
  type StoredAnswerValues,
  type StoredValues,
} from '../questions/index.js';
import type { CheckMessages } from '../questions/messages.js';
import type { Survey, SurveyPage } from '../survey.js';
import type { Facts } from './evaluate.js';
import { pathOf, type Page, type PathState } from './path.js';
import { pipe, type PipeContext, type PipeWords } from './pipe.js';

/** What the database holds of one response, as the flow reads it. */
export interface ResponseView {
  readonly revision: number;
  readonly completed: boolean;
  /** Stored answers by question index (into `survey.questions`). */
  readonly answers: ReadonlyMap<number, StoredAnswerValues>;
  readonly hidden: Readonly<Record<string, string>>;
  readonly lang?: string | undefined;
}

/** A response as storage reads it, as much as the flow needs (structural: no storage types here). */
export interface StoredResponseFacts {
  readonly revision?: number;
  readonly completedAt: string | null;
  readonly answers: readonly (StoredAnswerValues & { readonly question: number })[];
  readonly hidden?: Readonly<Record<string, string>> | undefined;
  readonly lang?: string | undefined;
}

/** What the flow needs of a stored response (a response without a revision reads as 0). */
export function responseView(stored: StoredResponseFacts): ResponseView {
  return {
    revision: stored.revision ?? 0,
    completed: stored.completedAt !== null,
    answers: new Map(stored.answers.map((a) => [a.question, a])),
    hidden: stored.hidden ?? {},
    lang: stored.lang,
  };
}

/** The flow's message for a form that was overtaken (a second tab, a re-posted page). */
export const STALE_NOTICE =
  'That page had already been sent or changed in another window, so nothing was changed. You can go on from here.';

const pagesOf = new WeakMap<Survey, readonly Page[]>();
const byIdOf = new WeakMap<Survey, ReadonlyMap<string, Question>>();

/** The survey's pages as the path function takes them (computed once per survey version). */
function pathPages(survey: Survey): readonly Page[] {
  let pages = pagesOf.get(survey);
  if (pages === undefined) {
    pages = survey.pages.map((page) => ({
      index: page.index,
      showIf: page.showIf,
      questions: page.questions.map((i) => {
        const question = survey.questions[i] as Question;
        return { question, showIf: question.showIf, endIf: question.endIf };
      }),
    }));
    pagesOf.set(survey, pages);
  }
  return pages;
}

/** The survey's questions by id. */
export function questionsById(survey: Survey): ReadonlyMap<string, Question> {
  let byId = byIdOf.get(survey);
  if (byId === undefined) {
    byId = new Map(survey.questions.map((q) => [q.id, q]));
    byIdOf.set(survey, byId);
  }
  return byId;
}

const indexByIdOf = new WeakMap<Survey, ReadonlyMap<string, number>>();

/** A question's index by its id (-1 for none); the survey's map is made once. */
function indexOf(survey: Survey, id: string): number {
  let byId = indexByIdOf.get(survey);
  if (byId === undefined) {
    const first = new Map<string, number>();
    survey.questions.forEach((q, index) => {
      if (!first.has(q.id)) first.set(q.id, index);
    });
    byId = first;
    indexByIdOf.set(survey, byId);
  }
  return byId.get(id) ?? -1;
}

/** The facts conditions are decided on: each stored answer as its kind's value. */
function factsOf(survey: Survey, view: ResponseView): Facts {
  const answers = new Map<string, unknown>();
  for (const [index, stored] of view.answers) {
    const question = survey.questions[index];
    if (question === undefined) continue;
    answers.set(question.id, fromStoredValues(question, stored).value);
  }
  return {
    questions: questionsById(survey),
    answers,
    hidden: new Map(Object.entries(view.hidden)),
    lang: view.lang,
  };
}

/**
 * The response's path: a page is submitted when every question asked on it has a stored
 * answer (a skipped optional question and a statement store an empty one), so a question that a
 * changed earlier answer newly shows on a submitted page is asked again there.
 */
export function pathFor(survey: Survey, view: ResponseView): PathState {
  return pathWith(survey, factsOf(survey, view));
}

/** The path under facts already worked out (`factsOf`). */
function pathWith(survey: Survey, facts: Facts): PathState {
  return pathOf(pathPages(survey), facts, (_page, asked) =>
    asked.every((id) => facts.answers.has(id)),
  );
}

/** The progress the session should cache for a path state: the frontier, or "all done". */
export function progressFor(survey: Survey, progress: Progress, state: PathState): Progress {
  const answered = state.frontier ?? survey.questions.length;
  return answered === progress.answered ? progress : { ...progress, answered };
}

/** Whether page `n` may be shown or posted: the frontier, or (with Back) a page on the path before it. */
function allowed(survey: Survey, state: PathState, n: number): boolean {
  if (n === state.frontier) return true;
  if (!survey.allowBack || state.frontier === undefined) return false;
  const at = state.pages.indexOf(n);
  return at >= 0 && at < state.pages.indexOf(state.frontier);
}

const toStart = { kind: 'redirect', to: { page: 'start' } } as const;
const toComplete = { kind: 'redirect', to: { page: 'complete' } } as const;

function frontierTarget(state: PathState): Target {
  return state.frontier === undefined
    ? { page: 'complete' }
    : { page: 'question', qid: state.frontier };
}

/** What a page of the path shows: its asked questions, the Back link, the progress bar. */
export interface PageView {
  readonly page: SurveyPage;
  /** Indices of the page's questions that are asked. */
  readonly asked: readonly number[];
  /** The previous page on the path, when Back is allowed and there is one. */
  readonly back?: number;
  /** Pages submitted on the path, and pages that may yet be on it (`PathState.possible`). */
  readonly progress: { readonly done: number; readonly total: number };
  /** The page's place on the path, from 1 ("Page 2 of 5"), right under Back too. */
  readonly position: number;
  /** True when no page may follow it on the path: its button says Finish. */
  readonly last: boolean;
}

export type PathGuard =
  | { readonly kind: 'allow'; readonly view: PageView; readonly state: PathState }
  | { readonly kind: 'redirect'; readonly to: Target; readonly flash?: string };

/** The page view of page `n` under a path state. */
export function pageView(survey: Survey, state: PathState, n: number): PageView | undefined {
  const page = survey.pages[n];
  const askedIds = state.asked.get(n);
  if (page === undefined || askedIds === undefined) return undefined;
  const at = state.pages.indexOf(n);
  const before = at > 0 ? state.pages[at - 1] : undefined;
  // Counted over the pages that may yet be on the path, so the bar never goes back as the
  // respondent goes forward: a page their answers rule out only makes it jump ahead.
  const { possible } = state;
  const done = possible.filter((p) => state.submitted.has(p)).length;
  return {
    page,
    asked: askedIds.map((id) => indexOf(survey, id)),
    ...(survey.allowBack && before !== undefined ? { back: before } : {}),
    progress: { done, total: possible.length },
    position: at + 1,
    last: possible.at(-1) === n,
  };
}

/**
 * `GET questions/N` (§4's table): no progress → start; complete → `/complete`; the frontier or,
 * with Back, an earlier page on the path → the page; anything else → the seed's flash and the
 * frontier.
 */
export function guardPage(
  survey: Survey,
  progress: Progress | undefined,
  view: ResponseView | undefined,
  n: number,
  /** The page number's digits as the URL wrote them, for the flash. */
  written?: string,
): PathGuard {
  if (progress === undefined || view === undefined) return toStart;
  const state = pathFor(survey, view);
  if (view.completed || state.complete) return toComplete;
  if (!allowed(survey, state, n)) {
    return { kind: 'redirect', to: frontierTarget(state), flash: invalidQuestionFlash(n, written) };
  }
  const page = pageView(survey, state, n);
  if (page === undefined) return { kind: 'redirect', to: frontierTarget(state) };
  return { kind: 'allow', view: page, state };
}

/** One answer to store: the question's index and its values. */
export interface PageAnswerRecord extends StoredValues {
  readonly question: number;
}

export type PageOutcome =
  | { readonly kind: 'redirect'; readonly to: Target; readonly notice?: string }
  | {
      readonly kind: 'invalid';
      readonly view: PageView;
      readonly errors: FieldErrors;
      readonly values: FormFields;
    }
  | {
      readonly kind: 'record';
      /** The revision the form carried (and the stored one): the write's condition. */
      readonly revision: number;
      /** Question indices whose stored answers go first: this page's, and those off the path now. */
      readonly remove: readonly number[];
      readonly answers: readonly PageAnswerRecord[];
      /** The frontier after the write; undefined when it completes the response. */
      readonly frontier: number | undefined;
      readonly completes: boolean;
      readonly progress: Progress;
      readonly to: Target;
    };

/** The revision a form carried: a non-negative integer in decimal, or undefined. */
function postedRevision(form: FormFields): number | undefined {
  const raw = form.revision;
  if (typeof raw !== 'string' || !/^(0|[1-9][0-9]{0,9})$/.test(raw)) return undefined;
  return Number(raw);
}

/**
 * `POST questions/N` (§4's table): progress first, then whether N may be posted and the
 * revision matches (else nothing is written and the browser goes to the frontier, with a
 * friendly notice), then the page's answers, every question's errors at once. A valid page
 * gives the whole write: its answers, the answers that left the path (to delete in the same
 * transaction), the new frontier, and where to go: the next page on the path after N.
 */
export function submitPage(
  survey: Survey,
  progress: Progress | undefined,
  view: ResponseView | undefined,
  n: number,
  form: FormFields,
  today: () => string,
  m: CheckMessages,
): PageOutcome {
  if (progress === undefined || view === undefined) return toStart;
  const facts = factsOf(survey, view);
  const state = pathWith(survey, facts);
  if (view.completed || state.complete) return toComplete;
  const page = pageView(survey, state, n);
  if (!allowed(survey, state, n) || page === undefined || postedRevision(form) !== view.revision)
    return { kind: 'redirect', to: frontierTarget(state), notice: STALE_NOTICE };

  const parsed = parsePage(
    form,
    page.asked.map((i) => survey.questions[i] as Question),
    survey.layout,
    today,
    m,
    survey.languages,
  );
  if (parsed.kind === 'invalid') {
    // Every question's errors at once, and every value of the page kept, the valid ones' too.
    return { kind: 'invalid', view: page, errors: parsed.errors, values: parsed.values };
  }
  const answers: PageAnswerRecord[] = [...parsed.answers].map(([at, { stored }]) => ({
    question: page.asked[at] as number,
    ...stored,
  }));

  const onPage = new Set(page.page.questions);
  const after = new Map([...view.answers].filter(([q]) => !onPage.has(q)));
  // The facts after the write: the stored ones less this page's, plus its new answers (each
  // stored answer's value is worked out once, not again for the path after).
  const values = new Map(facts.answers);
  for (const q of onPage) {
    const id = survey.questions[q]?.id;
    if (id !== undefined) values.delete(id);
  }
  for (const { question, ...stored } of answers) {
    after.set(question, stored);
    const asked = survey.questions[question];
    if (asked !== undefined) values.set(asked.id, fromStoredValues(asked, stored).value);
  }
  const next = pathWith(survey, { ...facts, answers: values });
  const kept = new Set<number>();
  for (const ids of next.asked.values()) for (const id of ids) kept.add(indexOf(survey, id));
  const left = [...after.keys()].filter((q) => !kept.has(q));
  const remove = [...new Set([...page.page.questions, ...left])].sort((a, b) => a - b);
  const stay = answers.filter((a) => kept.has(a.question));
  const completes = next.complete;
  const at = next.pages.indexOf(n);
  const following = at < 0 ? next.frontier : next.pages[at + 1];
  const to: Target =
    completes || following === undefined
      ? { page: 'complete' }
      : { page: 'question', qid: following };
  return {
    kind: 'record',
    revision: view.revision,
    remove,
    answers: stay,
    frontier: next.frontier,
    completes,
    progress: progressFor(survey, progress, next),
    to,
  };
}

/** What piping reads (§6): the answers on the response's path, and its hidden fields. */
export function pipeContext(
  survey: Survey,
  view: ResponseView,
  state: PathState,
  /** The respondent's language, when the survey has languages (SURVEYS.md §5). */
  words?: PipeWords,
): PipeContext {
  const answers = new Map<string, StoredAnswerValues>();
  for (const ids of state.asked.values()) {
    for (const id of ids) {
      const stored = view.answers.get(indexOf(survey, id));
      if (stored !== undefined) answers.set(id, stored);
    }
  }
  return {
    questions: questionsById(survey),
    answers,
    hidden: view.hidden,
    ...(words === undefined ? {} : { words }),
  };
}

/** A page's texts with their pipes filled in: its title and help, and its asked questions'. */
export function pipedPage(
  survey: Survey,
  page: PageView,
  ctx: PipeContext,
  /** The page's language (SURVEYS.md §5): texts are translated, then piped. */
  lang?: string,
): {
  readonly page: SurveyPage;
  readonly texts: ReadonlyMap<number, { readonly text: string; readonly help?: string }>;
} {
  const local = (text: string) =>
    lang === undefined ? text : (survey.languages?.text(text, lang) ?? text);
  const piped = (text: string) => pipe(local(text), ctx);
  const texts = new Map<number, { text: string; help?: string }>();
  for (const index of page.asked) {
    const question = survey.questions[index] as Question;
    const help = 'help' in question ? question.help : undefined;
    texts.set(index, {
      text: piped(question.text),
      ...(help === undefined ? {} : { help: piped(help) }),
    });
  }
  const { title, help } = page.page;
  return {
    page: {
      ...page.page,
      ...(title === undefined ? {} : { title: piped(title) }),
      ...(help === undefined ? {} : { help: piped(help) }),
    },
    texts,
  };
}
