/**
 * Conditions (SURVEYS.md §3): data, never code to evaluate. A condition is a test, or `all`,
 * `any` or `not` of conditions; a test names its subject (`q: ID` or `q: GRID.ROW`, `hidden:
 * NAME`, or `lang: CODE`) and exactly one operator. This file holds their shape and size
 * limits; `check.ts` checks them against a survey, `evaluate.ts` decides them.
 */
import { z } from 'zod';

/** Each operator, by the kind of operand it takes. The single list of operators. */
export const OPERATORS = {
  is: 'value',
  isNot: 'value',
  in: 'list',
  notIn: 'list',
  has: 'value',
  hasAny: 'list',
  hasAll: 'list',
  hasNone: 'list',
  gt: 'bound',
  gte: 'bound',
  lt: 'bound',
  lte: 'bound',
  between: 'pair',
  answered: 'boolean',
} as const;

export type Operator = keyof typeof OPERATORS;
export const operatorNames = Object.keys(OPERATORS) as Operator[];

/** At most this many tests and this depth in one condition (§3). */
export const MAX_TESTS = 50;
export const MAX_DEPTH = 6;

const scalar = z.union([z.string().max(500), z.number()], {
  error: 'must be text or a number',
});
const operand = {
  value: scalar,
  list: z.array(scalar, { error: 'must be a list' }).min(1).max(50),
  bound: scalar,
  pair: z.tuple([scalar, scalar], { error: 'must be a list of two values: [from, to]' }),
  boolean: z.boolean({ error: 'must be true or false' }),
} as const;

type OperandOf<O extends Operator> = z.output<(typeof operand)[(typeof OPERATORS)[O]]>;
type Operands = { readonly [O in Operator]?: OperandOf<O> };

export type QuestionTest = { readonly q: string } & Operands;
export type HiddenTest = { readonly hidden: string } & Operands;
export interface LangTest {
  readonly lang: string;
}
export type Test = QuestionTest | HiddenTest | LangTest;
export type Condition =
  | Test
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

const operandShape = Object.fromEntries(
  operatorNames.map((o) => [o, operand[OPERATORS[o]].optional()]),
) as { [O in Operator]: z.ZodOptional<(typeof operand)[(typeof OPERATORS)[O]]> };

const reference = z
  .string({ error: 'q must be a question id, or GRID.ROW' })
  .regex(/^[a-z][a-z0-9_]{0,39}(\.[^.]+)?$/, {
    error: 'q must be a question id, or GRID.ROW',
  });

const testSchema = z
  .strictObject({
    q: reference.optional(),
    hidden: z.string({ error: 'hidden must be a name' }).min(1).max(100).optional(),
    lang: z.string({ error: 'lang must be a language code' }).min(2).max(35).optional(),
    ...operandShape,
  })
  .superRefine((test, ctx) => {
    const subjects = (['q', 'hidden', 'lang'] as const).filter((k) => test[k] !== undefined);
    const operators = operatorNames.filter((o) => test[o] !== undefined);
    if (subjects.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'a test names exactly one of q, hidden and lang',
      });
    } else if (subjects[0] === 'lang' ? operators.length > 0 : operators.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          subjects[0] === 'lang'
            ? 'a lang test has no operator: { lang: fr }'
            : `a test has exactly one operator, one of ${operatorNames.join(', ')}`,
      });
    }
  });

/** The condition's structure (recursive), without the survey-wide checks of check.ts. */
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ all: z.array(conditionSchema).min(1, { error: 'all needs a condition' }) }),
      z.strictObject({ any: z.array(conditionSchema).min(1, { error: 'any needs a condition' }) }),
      z.strictObject({ not: conditionSchema }),
      testSchema as z.ZodType<Test>,
    ],
    { error: 'a condition is a test, or { all: […] }, { any: […] } or { not: … }' },
  ),
);

/** Every test of a condition, in order, with its depth (1 for a bare test). */
export function testsOf(condition: Condition, depth = 1): { test: Test; depth: number }[] {
  if ('all' in condition) return condition.all.flatMap((c) => testsOf(c, depth + 1));
  if ('any' in condition) return condition.any.flatMap((c) => testsOf(c, depth + 1));
  if ('not' in condition) return testsOf(condition.not, depth + 1);
  return [{ test: condition, depth }];
}

/** How deeply `all`/`any`/`not` nest in a condition (a bare test is 1). */
export function depthOf(condition: Condition): number {
  if ('all' in condition) return 1 + Math.max(...condition.all.map(depthOf));
  if ('any' in condition) return 1 + Math.max(...condition.any.map(depthOf));
  if ('not' in condition) return 1 + depthOf(condition.not);
  return 1;
}

/** A condition within the size limits of §3; the messages say which limit. */
export const boundedCondition = conditionSchema.superRefine((condition, ctx) => {
  const tests = testsOf(condition).length;
  if (tests > MAX_TESTS) {
    ctx.addIssue({
      code: 'custom',
      message: `a condition has at most ${MAX_TESTS} tests (this one has ${tests})`,
    });
  }
  const depth = depthOf(condition);
  if (depth > MAX_DEPTH) {
    ctx.addIssue({
      code: 'custom',
      message: `a condition nests at most ${MAX_DEPTH} deep (this one is ${depth})`,
    });
  }
});

/** The single operator of a question or hidden test. */
export function operatorOf(test: QuestionTest | HiddenTest): Operator {
  const found = operatorNames.find((o) => test[o] !== undefined);
  if (found === undefined) throw new Error('a validated test has an operator');
  return found;
}
