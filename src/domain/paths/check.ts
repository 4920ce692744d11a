/**
 * A condition checked against its survey (SURVEYS.md §3), as `canvass check` reports it: every
 * reference known and on an earlier page (an `endIf` may also look at its own page), every
 * operator fitting its question's type, every operand a choice id of that question or a value
 * in its range. Each problem names the path inside the condition.
 */
import { isIsoDate } from '../questions/date.js';
import type { Question } from '../questions/index.js';
import { suggest } from '../questions/suggest.js';
import {
  operatorOf,
  type Condition,
  type HiddenTest,
  type Operator,
  type QuestionTest,
} from './condition.js';

export interface Scope {
  /** Every question of the survey, by id. */
  readonly questions: ReadonlyMap<string, Question>;
  /** The ids a condition here may look at: those on earlier pages (and its own, for `endIf`). */
  readonly reachable: ReadonlySet<string>;
  /** The survey's `hidden` names. */
  readonly hidden: readonly string[];
  /** The survey's `languages` (empty without them). */
  readonly languages: readonly string[];
}

export interface ConditionProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const CHOOSING: readonly Operator[] = ['is', 'isNot', 'in', 'notIn', 'answered'];
const ORDERING: readonly Operator[] = ['is', 'gt', 'gte', 'lt', 'lte', 'between', 'answered'];
const TICKING: readonly Operator[] = ['has', 'hasAny', 'hasAll', 'hasNone', 'answered'];
const BOUNDS: readonly Operator[] = ['gt', 'gte', 'lt', 'lte', 'between'];

/** The operators that fit a subject, and the values its operands may take. */
interface Fit {
  readonly what: string;
  readonly operators: readonly Operator[];
  /** Ids an `is`/`in`/`has`… operand must be one of, when the subject has a list. */
  readonly ids?: readonly string[];
  /** The range of a number, or of a date as `YYYY-MM-DD`. */
  readonly range?: {
    readonly min?: number | string | undefined;
    readonly max?: number | string | undefined;
  };
  readonly dates?: boolean;
  /** Answered with whole numbers only, so `is` a fraction could never hold. */
  readonly whole?: boolean;
}

const fixedDate = (d: string | undefined) => (d === undefined || d === 'today' ? undefined : d);

function fitOf(question: Question, row: string | undefined): Fit | string {
  const what = `a ${question.type} question`;
  if (question.type === 'grid') {
    if (row === undefined) return { what, operators: ['answered'] };
    if (!question.rows.some((r) => r.id === row)) {
      return `grid "${question.id}" has no row "${row}"`;
    }
    const values = question.columns.flatMap((c) => (c.value === undefined ? [] : [c.value]));
    return {
      what: 'a grid row',
      operators: values.length > 0 ? [...CHOOSING, ...BOUNDS] : CHOOSING,
      ids: question.columns.map((c) => c.id),
      ...(values.length > 0
        ? { range: { min: Math.min(...values), max: Math.max(...values) } }
        : {}),
    };
  }
  if (row !== undefined) return `"${question.id}" is not a grid: write q: ${question.id}`;
  switch (question.type) {
    case 'choice':
    case 'dropdown':
      return { what, operators: CHOOSING, ids: question.choices.map((c) => c.id) };
    case 'yesno':
      return { what, operators: CHOOSING, ids: ['yes', 'no'] };
    case 'multi':
      return { what, operators: TICKING, ids: question.choices.map((c) => c.id) };
    case 'number':
      return {
        what,
        operators: ORDERING,
        range: { min: question.min, max: question.max },
        whole: question.integer,
      };
    case 'rating':
      return { what, operators: ORDERING, range: { min: 1, max: question.scale }, whole: true };
    case 'nps':
      return { what, operators: ORDERING, range: { min: 0, max: 10 }, whole: true };
    case 'date':
      return {
        what,
        operators: ORDERING,
        dates: true,
        range: { min: fixedDate(question.min), max: fixedDate(question.max) },
      };
    case 'statement':
      return `"${question.id}" is a statement: it has no answer to test`;
    default:
      return { what, operators: ['answered'] };
  }
}

/** The operand values of a test, each with its path below the operator. */
function operands(test: QuestionTest | HiddenTest, op: Operator): [unknown, (string | number)[]][] {
  const raw: unknown = test[op];
  return Array.isArray(raw) ? raw.map((v, i) => [v, [op, i]]) : [[raw, [op]]];
}

function operandProblems(test: QuestionTest, op: Operator, fit: Fit): ConditionProblem[] {
  if (op === 'answered') return [];
  const problems: ConditionProblem[] = [];
  for (const [value, path] of operands(test, op)) {
    if (BOUNDS.includes(op) || (fit.range !== undefined && !fit.ids)) {
      if (fit.dates === true) {
        if (typeof value !== 'string' || !isIsoDate(value)) {
          problems.push({ path, message: `must be a date written YYYY-MM-DD` });
          continue;
        }
      } else if (typeof value !== 'number') {
        problems.push({ path, message: `must be a number` });
        continue;
      } else if (op === 'is' && fit.whole === true && !Number.isInteger(value)) {
        problems.push({
          path,
          message: `${String(value)} can never match: ${fit.what} is answered with whole numbers`,
        });
        continue;
      }
      const { min, max } = fit.range ?? {};
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        const range = `${min ?? '…'} to ${max ?? '…'}`;
        problems.push({
          path,
          message: `${String(value)} is outside ${fit.what}'s range (${range})`,
        });
      }
    } else if (fit.ids !== undefined && !fit.ids.includes(String(value))) {
      const near = suggest(String(value), fit.ids);
      problems.push({
        path,
        message: `"${String(value)}" is not a choice id of ${fit.what}${near === undefined ? '' : ` — did you mean "${near}"?`}`,
      });
    }
  }
  if (op === 'between') {
    const [from, to] = (test.between ?? []) as readonly (string | number)[];
    if (from !== undefined && to !== undefined && from > to) {
      problems.push({ path: ['between'], message: 'between needs [from, to] with from ≤ to' });
    }
  }
  return problems;
}

function questionTestProblems(test: QuestionTest, scope: Scope): ConditionProblem[] {
  const dot = test.q.indexOf('.');
  const id = dot < 0 ? test.q : test.q.slice(0, dot);
  const question = scope.questions.get(id);
  if (question === undefined) {
    const near = suggest(id, [...scope.questions.keys()]);
    return [
      {
        path: ['q'],
        message: `unknown question "${id}"${near === undefined ? '' : ` — did you mean "${near}"?`}`,
      },
    ];
  }
  if (!scope.reachable.has(id)) {
    return [
      {
        path: ['q'],
        message: `question "${id}" is not on an earlier page: a condition may only look at answers already given`,
      },
    ];
  }
  const fit = fitOf(question, dot < 0 ? undefined : test.q.slice(dot + 1));
  if (typeof fit === 'string') return [{ path: ['q'], message: fit }];
  const op = operatorOf(test);
  if (!fit.operators.includes(op)) {
    return [
      {
        path: [op],
        message: `${op} does not fit ${fit.what}: use ${fit.operators.join(', ')}`,
      },
    ];
  }
  return operandProblems(test, op, fit);
}

function hiddenTestProblems(test: HiddenTest, scope: Scope): ConditionProblem[] {
  if (!scope.hidden.includes(test.hidden)) {
    return [
      {
        path: ['hidden'],
        message:
          scope.hidden.length === 0
            ? `hidden "${test.hidden}" is not declared: list it under hidden`
            : `hidden "${test.hidden}" is not one of ${scope.hidden.join(', ')}`,
      },
    ];
  }
  const op = operatorOf(test);
  return CHOOSING.includes(op)
    ? []
    : [{ path: [op], message: `${op} does not fit a hidden field: use ${CHOOSING.join(', ')}` }];
}

/** Every problem of `condition` in `scope`, with paths inside the condition. */
export function conditionProblems(condition: Condition, scope: Scope): ConditionProblem[] {
  const within = (key: string | number, problems: ConditionProblem[]) =>
    problems.map((p) => ({ ...p, path: [key, ...p.path] }));
  if ('all' in condition)
    return condition.all.flatMap((c, i) => within('all', within(i, conditionProblems(c, scope))));
  if ('any' in condition)
    return condition.any.flatMap((c, i) => within('any', within(i, conditionProblems(c, scope))));
  if ('not' in condition) return within('not', conditionProblems(condition.not, scope));
  if ('lang' in condition) {
    return scope.languages.includes(condition.lang)
      ? []
      : [
          {
            path: ['lang'],
            message:
              scope.languages.length === 0
                ? 'lang needs the survey to list its languages'
                : `lang "${condition.lang}" is not one of ${scope.languages.join(', ')}`,
          },
        ];
  }
  if ('hidden' in condition) return hiddenTestProblems(condition, scope);
  return questionTestProblems(condition, scope);
}
