export { formatCount } from './numbers.js';
export {
  surveyFileSchema,
  slugSchema,
  MAX_COMMENT_LENGTH,
  usesPaths,
  type Survey,
  type SurveyDefinition,
  type SurveyPage,
} from './survey.js';
export {
  loadSurveyDirectory,
  loadSurveyFiles,
  readSurveyDirectory,
  parseSurveyText,
  formatSurveyFileError,
  type SurveyFileError,
  type SurveyLoad,
  type SurveyDirectoryRead,
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
  utcToday,
  type Progress,
  type Target,
  type Guard,
  type BeginDecision,
  type AnswerOutcome,
  type AnswerRecord,
  type AnswerFormValues,
} from './flow.js';
export {
  canonicalDefinition,
  definitionHash,
  surveyFromDefinition,
  type SurveyVersion,
} from './versions.js';
export {
  hiddenValues,
  hiddenValue,
  hiddenFacts,
  MAX_HIDDEN_VALUE,
  type HiddenValues,
} from './hidden.js';
export {
  encodeExport,
  csvField,
  csvHeader,
  csvRow,
  exportCells,
  exportHeader,
  guardedCell,
  jsonResponse,
  type EncodeOptions,
  type ExportFormat,
  type ExportResponse,
} from './exports.js';
export { encodeXlsx, XLSX_CONTENT_TYPE } from './xlsx.js';
export { encodeResponsePage } from './response-page.js';
export {
  summariseResults,
  percentOf,
  QUESTIONS_PER_PAGE,
  resultPageCount,
  resultPageRange,
  talliedRange,
  type QuestionRange,
  type ChoiceTally,
  type ChoiceResult,
  type QuestionResult,
} from './results.js';
export * from './questions/index.js';
export {
  versionsToAddUp,
  answerSpace,
  behindCondition,
  pageOf,
  pageTargetsOf,
  reachedOf,
  shownBy,
  sameQuestion,
  targetsOf,
  type PageTarget,
  type ShownBy,
  type Target as QuestionTarget,
  type VersionedSurvey,
} from './across.js';
export { dayText, figuresOf, kindFigures, type Aggregates, type Needs } from './figures.js';
export {
  filterChoices,
  NPS_GROUPS,
  parseFilters,
  type AnswerFilter,
  type FilterMatch,
  type FilterParse,
} from './filters.js';
export {
  hiddenGroups,
  MAX_HIDDEN_GROUPS,
  parseBy,
  type ByGroup,
  type ByGroups,
  type ByParse,
} from './by.js';
export { parsePeriod, type PeriodParse, type StartedDays } from './period.js';
export {
  dropOffByPage,
  questionJson,
  type PageJson,
  type QuestionJson,
  type ResultsJson,
} from './results-json.js';
export {
  guardPage,
  pageView,
  pathFor,
  pipeContext,
  pipedPage,
  type PipeContext,
  type PipeWords,
  progressFor,
  responseView,
  pipe,
  questionsById,
  STALE_NOTICE,
  submitPage,
  type PageOutcome,
  type PageView,
  type PathGuard,
  type PathState,
  type ResponseView,
} from './paths/index.js';
export {
  acceptsAnswers,
  availability,
  capOf,
  closedText,
  hasWindow,
  momentText,
  CLOSING_GRACE_MS,
  storedTime,
  type Availability,
} from './window.js';
export { publicLinkExpiry, publicLinkState, type PublicLinkState } from './public-links.js';
export {
  completedEventBody,
  newWebhookSecret,
  retryDelay,
  signWebhook,
  testEventBody,
  webhookMessageId,
  webhookUrlSchema,
  WEBHOOK_SECRET_PREFIX,
  type Backoff,
  type WebhookHeaders,
} from './webhooks.js';
export {
  BUILT_IN_LANGUAGES,
  DEFAULT_LANGUAGE,
  isBuiltInLanguage,
  textDirection,
  type BuiltInLanguage,
} from './languages.js';
