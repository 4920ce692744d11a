export type {
  AdminSessionInput,
  ChoiceCount,
  Completion,
  CreateResponseInput,
  QuestionSlice,
  RecordAnswerInput,
  RecordOutcome,
  RegisterVersionInput,
  Storage,
  StoredAnswer,
  StoredComment,
  StoredResponse,
  StoredVersion,
  SurveyCounts,
  VersionSummary,
} from './contract.js';
export { StorageUnavailable } from './errors.js';
export { openStorage } from './open.js';
