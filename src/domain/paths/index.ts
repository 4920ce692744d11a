/**
 * Paths (SURVEYS.md §3–§4, §6, issue 15): conditions as data, their check against a survey, their
 * evaluation, the path of a response as a pure function, and piping answers into texts. Survey
 * files carry conditions as `showIf`/`endIf` (checked at load by `questions/survey-conditions.ts`).
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
export {
  pipe,
  pipeRefs,
  pipeProblems,
  surveyPipeProblems,
  PIPED_TEXT_LIMIT,
  type PipeRef,
  type PipeContext,
  type PipeWords,
  type PipedSurvey,
  type PipedPage,
  type PipedText,
} from './pipe.js';
export {
  guardPage,
  pageView,
  pathFor,
  pipeContext,
  pipedPage,
  progressFor,
  responseView,
  questionsById,
  STALE_NOTICE,
  submitPage,
  type PageAnswerRecord,
  type PageOutcome,
  type PageView,
  type PathGuard,
  type ResponseView,
} from './flow.js';
