/**
 * Paths (SURVEYS.md §3–§4, issue 15): conditions as data, their check against a survey, their
 * evaluation, and the path of a response as a pure function. Survey files carry them as
 * `showIf`/`endIf` (checked at load by `questions/survey-conditions.ts`); the flow's use of the
 * path is the next step of issue 15.
 */
export {
  conditionSchema,
  boundedCondition,
  operatorNames,
  MAX_TESTS,
  MAX_DEPTH,
  type Condition,
  type Test,
  type Operator,
} from './condition.js';
export { holds, type Facts } from './evaluate.js';
export { conditionProblems, type Scope, type ConditionProblem } from './check.js';
export { pathOf, questionPages, type Page, type PageQuestion, type PathState } from './path.js';
