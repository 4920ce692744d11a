/**
 * Question kinds and the format-2 `questions:` survey file (docs/decisions/0010). What other
 * layers may use; they are wired in by a later change (src/domain/index.ts re-exports this).
 */
export {
  kinds,
  kindOf,
  kindNames,
  isKind,
  type Kind,
  type Question,
  type QuestionOf,
  type ValueOf,
} from './registry.js';
export type {
  QuestionKind,
  ParseContext,
  FieldErrors,
  StoredRow,
  Cell,
  JsonAnswer,
} from './kind.js';
export {
  singleQuestionNames,
  prefixedNames,
  MAX_COMMENT_LENGTH,
  type FieldNames,
  type FormFields,
} from './form.js';
export {
  parseAnswer,
  answerRows,
  answerFromRows,
  hasComment,
  type Answer,
  type Parsed,
} from './answer.js';
export { checkMessages, type CheckMessageKey, type CheckMessages } from './messages.js';
export { csvColumns, csvCells, jsonAnswers, type AnswersById, type JsonEntry } from './export.js';
export type { Summary, SummaryFigure, ChoiceFigure } from './summary.js';
export {
  questionsSurveySchema,
  canonicalSurvey,
  isFormat1,
  positionalId,
  MAX_QUESTIONS,
  type QuestionsSurvey,
  type SurveyPage,
} from './survey-schema.js';
export { inLanguage, Languages, type TextMap } from './languages.js';
export {
  parseQuestionsSurvey,
  formatProblem,
  type SurveyProblem,
  type SurveyParse,
} from './problems.js';
export { parseSurveySource, type LocatedProblem, type SourceParse } from './source.js';
export { shuffled } from './shuffle.js';
export {
  toStoredValues,
  fromStoredValues,
  storedRows,
  type StoredValues,
  type StoredAnswerValues,
  type StoredValueItem,
} from './stored.js';
export { answerParts, answerText, type AnswerParts } from './display.js';
export {
  parsePage,
  pageNames,
  storedFormValues,
  type PageLayout,
  type PageAnswer,
  type PageParse,
  type LaidOutSurvey,
} from './page.js';
