/**
 * Deciding a condition (SURVEYS.md §3) from the answers given so far. A test on a question
 * without an answer — not asked, skipped, or not reached — is false, except `answered: false`;
 * `not` is plain negation. An Other answer of a choice question is none of the choice ids.
 */
import type { Question } from '../questions/index.js';
import { operatorOf, type Condition, type HiddenTest, type QuestionTest } from './condition.js';

export interface Facts {
  /** The questions of the survey, by id. */
  readonly questions: ReadonlyMap<string, Question>;
  /**
   * Answers by question id: the kind's value, `null` when its page was submitted without one;
   * absent when the question was not asked or not reached.
   */
  readonly answers: ReadonlyMap<string, unknown>;
  readonly hidden: ReadonlyMap<string, string>;
  readonly lang?: string | undefined;
}

/** What a test compares: one value, a set of ids (multi), or nothing (no answer). */
type Subject =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly value: string | number; readonly num?: number | undefined }
  | { readonly kind: 'set'; readonly ids: ReadonlySet<string> }
  | { readonly kind: 'opaque' };

const NONE: Subject = { kind: 'none' };

/** The value a question test looks at, from the stored value of its kind. */
function subjectOf(ref: string, facts: Facts): Subject {
  const dot = ref.indexOf('.');
  const id = dot < 0 ? ref : ref.slice(0, dot);
  const question = facts.questions.get(id);
  const value = facts.answers.get(id);
  if (question === undefined || value === undefined || value === null) return NONE;
  switch (question.type) {
    case 'choice':
    case 'dropdown': {
      const picked = value as { kind: 'choice'; id: string } | { kind: 'other' };
      return picked.kind === 'choice' ? { kind: 'one', value: picked.id } : { kind: 'opaque' };
    }
    case 'yesno':
    case 'date':
      return { kind: 'one', value: value as string };
    case 'number':
    case 'rating':
    case 'nps':
      return { kind: 'one', value: value as number, num: value as number };
    case 'multi':
      return { kind: 'set', ids: new Set((value as { ids: readonly string[] }).ids) };
    case 'grid': {
      if (dot < 0) return { kind: 'opaque' };
      const row = ref.slice(dot + 1);
      const column = (value as readonly { row: string; column: string }[]).find(
        (a) => a.row === row,
      )?.column;
      if (column === undefined) return NONE;
      const num = question.columns.find((c) => c.id === column)?.value;
      return { kind: 'one', value: column, num };
    }
    default:
      return { kind: 'opaque' };
  }
}

function same(a: string | number, b: string | number): boolean {
  return typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : a === b;
}

/** Orders numbers as numbers and `YYYY-MM-DD` dates as text (which is their order). */
function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function decide(test: QuestionTest | HiddenTest, subject: Subject): boolean {
  const op = operatorOf(test);
  if (op === 'answered') return test.answered === (subject.kind !== 'none');
  if (subject.kind === 'none') return false;
  if (subject.kind === 'set') {
    const ids = subject.ids;
    const list = (test.hasAny ?? test.hasAll ?? test.hasNone ?? []).map(String);
    if (op === 'has') return ids.has(String(test.has));
    if (op === 'hasAny') return list.some((x) => ids.has(x));
    if (op === 'hasAll') return list.every((x) => ids.has(x));
    if (op === 'hasNone') return !list.some((x) => ids.has(x));
    return false;
  }
  if (subject.kind === 'opaque') {
    // An Other answer: it is none of the choice ids.
    return op === 'isNot' || op === 'notIn';
  }
  const value = subject.value;
  const ordered = subject.num ?? value;
  switch (op) {
    case 'is':
      return test.is !== undefined && same(value, test.is);
    case 'isNot':
      return test.isNot !== undefined && !same(value, test.isNot);
    case 'in':
      return (test.in ?? []).some((x) => same(value, x));
    case 'notIn':
      return !(test.notIn ?? []).some((x) => same(value, x));
    case 'gt':
      return test.gt !== undefined && compare(ordered, test.gt) > 0;
    case 'gte':
      return test.gte !== undefined && compare(ordered, test.gte) >= 0;
    case 'lt':
      return test.lt !== undefined && compare(ordered, test.lt) < 0;
    case 'lte':
      return test.lte !== undefined && compare(ordered, test.lte) <= 0;
    case 'between': {
      const [from, to] = test.between ?? [0, 0];
      return compare(ordered, from) >= 0 && compare(ordered, to) <= 0;
    }
    default:
      return false;
  }
}

/** Whether `condition` holds under the facts. */
export function holds(condition: Condition, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, facts));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts));
  if ('not' in condition) return !holds(condition.not, facts);
  if ('lang' in condition) return facts.lang === condition.lang;
  if ('hidden' in condition) {
    const value = facts.hidden.get(condition.hidden);
    return decide(condition, value === undefined ? NONE : { kind: 'one', value });
  }
  return decide(condition, subjectOf(condition.q, facts));
}

/**
 * Whether `condition` holds whatever the questions in `open` come to be answered (or left
 * unanswered): `true` or `false` when it is decided already, `undefined` while it still
 * depends on them. Three-valued (Kleene): `all` is false once one part is false, `any` true
 * once one part is true, `not` of an undecided part undecided. A decided value never changes
 * as open questions get their answers, which is what makes the progress built on it
 * (`PathState.possible`) never go back as a respondent goes forward.
 */
export function holdsYet(
  condition: Condition,
  facts: Facts,
  open: ReadonlySet<string>,
): boolean | undefined {
  if ('all' in condition) return decidedBy(condition.all, false, facts, open);
  if ('any' in condition) return decidedBy(condition.any, true, facts, open);
  if ('not' in condition) {
    const value = holdsYet(condition.not, facts, open);
    return value === undefined ? undefined : !value;
  }
  if ('q' in condition) {
    const dot = condition.q.indexOf('.');
    if (open.has(dot < 0 ? condition.q : condition.q.slice(0, dot))) return undefined;
  }
  return holds(condition, facts);
}

/**
 * `all` (`decisive` false) or `any` (`decisive` true) of `parts`, three-valued: one part with
 * the decisive value decides, else any undecided part leaves it undecided.
 */
function decidedBy(
  parts: readonly Condition[],
  decisive: boolean,
  facts: Facts,
  open: ReadonlySet<string>,
): boolean | undefined {
  let decided: boolean | undefined = !decisive;
  for (const part of parts) {
    const value = holdsYet(part, facts, open);
    if (value === decisive) return decisive;
    if (value === undefined) decided = undefined;
  }
  return decided;
}
