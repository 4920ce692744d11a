export type {
  AdminSessionInput,
  ChoiceCount,
  Completion,
  CreateResponseInput,
  FigureQuery,
  NumberFigures,
  QuestionFigures,
  QuestionTarget,
  ResponseFilter,
  ResponseScope,
  ScopedComment,
  StoredText,
  QuestionSlice,
  RecordAnswerInput,
  RecordOutcome,
  RegisterVersionInput,
  Storage,
  StoredAnswer,
  StoredItem,
  StoredComment,
  StoredResponse,
  StoredVersion,
  SurveyCounts,
  VersionSummary,
} from './contract.js';
export { DatabaseNotFound, StorageUnavailable } from './errors.js';
export { openStorage, type OpenOptions } from './open.js';
export { parseDatabaseUrl } from './url.js';
