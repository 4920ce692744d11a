export {
  surveyFileSchema,
  slugSchema,
  MAX_COMMENT_LENGTH,
  type Survey,
  type SurveyDefinition,
  type Question,
} from './survey.js';
export {
  loadSurveyDirectory,
  parseSurveyText,
  formatSurveyFileError,
  type SurveyFileError,
  type SurveyLoad,
} from './survey-files.js';
export {
  guardQuestion,
  guardComplete,
  decideBegin,
  canStart,
  beginProgress,
  submitAnswer,
  isComplete,
  countCharacters,
  type Progress,
  type Target,
  type Guard,
  type BeginDecision,
  type AnswerOutcome,
  type AnswerRecord,
  type FieldErrors,
  type AnswerFormValues,
} from './flow.js';
