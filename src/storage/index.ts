export type {
  CreateResponseInput,
  RecordAnswerInput,
  RecordOutcome,
  Storage,
  StoredAnswer,
  StoredResponse,
} from './contract.js';
export { StorageUnavailable } from './errors.js';
export { openStorage } from './open.js';
