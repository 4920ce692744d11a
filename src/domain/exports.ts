/**
 * The export formats (PRODUCT.md §4), as pure encoders from a stream of responses to a stream
 * of text chunks: the HTTP route and `canvass export` write exactly the same bytes, and
 * neither ever holds more than one chunk.
 *
 * CSV follows RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes
 * doubled. Cells that a spreadsheet would run as a formula (a leading `=`, `+`, `-`, `@`, tab
 * or carriage return — OWASP "CSV Injection") get a leading `'`, so answers and comments
 * typed by strangers stay text when an owner opens the file.
 */
import {
  csvCells,
  csvColumns,
  fromStoredValues,
  isFormat1,
  jsonAnswers,
  type Answer,
  type AnswersById,
  type Cell,
  type StoredAnswerValues,
} from './questions/index.js';
import { hiddenValue, type HiddenValues } from './hidden.js';
import type { Survey } from './survey.js';

/** One response as exported (structurally what storage returns). */
export interface ExportResponse {
  readonly id: number;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly answers: readonly (StoredAnswerValues & { readonly question: number })[];
  /** Its hidden fields (SURVEYS.md §6): text from a link, so guarded like any answer. */
  readonly hidden?: HiddenValues;
}

export type ExportFormat = 'csv' | 'json';

/** Text is flushed in chunks of about this many characters. */
const CHUNK = 64 * 1024;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field: neutralised against formula injection, then quoted when it must be. A number
 * the survey asked for (§9 "numbers as numbers") is written as it is: `-5` is a number, not a
 * formula, and a guard would turn it into text.
 */
export function csvField(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(fields: readonly Cell[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * `id,started_at,completed_at`, a column per hidden field named by it (§9, only when the
 * survey lists some), each question's columns (§9: one for most kinds, one per choice or row
 * for multi, grid and ranking, `TEXT (other)` after Other), then `TEXT (comment)` per comment
 * box: for a format-1 file exactly its columns of today.
 */
export function csvHeader(survey: Survey): string {
  return csvLine([
    'id',
    'started_at',
    'completed_at',
    ...survey.hidden,
    ...csvColumns(survey.questions),
  ]);
}

/** A response's answers by question id, each read back by its kind. */
function answersById(survey: Survey, response: ExportResponse): AnswersById {
  const byId = new Map<string, Answer<unknown>>();
  for (const stored of response.answers) {
    const question = survey.questions[stored.question];
    if (question !== undefined) byId.set(question.id, fromStoredValues(question, stored));
  }
  return byId;
}

export function csvRow(survey: Survey, response: ExportResponse): string {
  return csvLine([
    String(response.id),
    response.startedAt,
    response.completedAt ?? '',
    ...survey.hidden.map((name) => hiddenValue(response.hidden, name) ?? ''),
    ...csvCells(survey.questions, answersById(survey, response)),
  ]);
}

/**
 * One response as a JSON array element (§9): `hidden` (when the survey lists hidden fields)
 * the ones its link gave, by name; `answers` the questions whose page it submitted,
 * statements left out, each `{ id, question, answer, comment, other? }` with the answer typed
 * by its kind (format 1: the choice text, as before).
 */
export function jsonResponse(survey: Survey, response: ExportResponse): string {
  return JSON.stringify({
    id: response.id,
    startedAt: response.startedAt,
    completedAt: response.completedAt,
    ...(survey.hidden.length === 0 ? {} : { hidden: hiddenOf(survey, response) }),
    answers: jsonAnswers(survey.questions, answersById(survey, response), !isFormat1(survey)),
  });
}

/** The response's values of the survey's hidden fields, in the survey's order. */
function hiddenOf(survey: Survey, response: ExportResponse): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of survey.hidden) {
    const value = hiddenValue(response.hidden, name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/**
 * Encodes every response of one survey version. `version` is recorded in the JSON document
 * (the CSV header is fixed by the spec, so the version is in the file name instead).
 */
export async function* encodeExport(
  format: ExportFormat,
  survey: Survey,
  version: number,
  responses: AsyncIterable<ExportResponse>,
): AsyncGenerator<string> {
  let buffer =
    format === 'csv'
      ? csvHeader(survey)
      : `{"survey":${JSON.stringify(survey.slug)},"version":${version},"responses":[`;
  let first = true;
  for await (const response of responses) {
    if (format === 'csv') buffer += csvRow(survey, response);
    else buffer += (first ? '\n' : ',\n') + jsonResponse(survey, response);
    first = false;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  yield format === 'csv' ? buffer : `${buffer}${first ? '' : '\n'}]}\n`;
}
