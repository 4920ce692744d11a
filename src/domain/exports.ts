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
  /** The language it began in (SURVEYS.md §5), for a survey with `languages`. */
  readonly lang?: string | undefined;
}

/** `lang` after `completed_at`, only for a survey with languages: other exports keep their bytes. */
const langColumn = (survey: Survey): readonly string[] =>
  survey.languages === undefined ? [] : ['lang'];

export type ExportFormat = 'csv' | 'json';

/** Text is flushed in chunks of about this many characters. */
const CHUNK = 64 * 1024;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A cell neutralised against formula injection: text that a spreadsheet would run as a formula
 * gets a leading `'`. A number the survey asked for (§9 "numbers as numbers") stays as it is:
 * `-5` is a number, not a formula, and a guard would turn it into text. CSV and XLSX share
 * it, so a cell reads the same in both files.
 */
export function guardedCell(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: guarded, then quoted when it must be. */
export function csvField(value: Cell): string {
  const safe = guardedCell(value);
  if (typeof safe === 'number') return String(safe);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(fields: readonly Cell[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * `id,started_at,completed_at`, `lang` for a survey with languages (§5), a column per hidden field named by it (§9, only when the
 * survey lists some), each question's columns (§9: one for most kinds, one per choice or row
 * for multi, grid and ranking, `TEXT (other)` after Other), then `TEXT (comment)` per comment
 * box: for a format-1 file exactly its columns of today.
 */
export function exportHeader(survey: Survey): readonly string[] {
  return [
    'id',
    'started_at',
    'completed_at',
    ...langColumn(survey),
    ...survey.hidden,
    ...csvColumns(survey.questions),
  ];
}

export function csvHeader(survey: Survey): string {
  return csvLine(exportHeader(survey));
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

/**
 * A response's cells under `exportHeader`, unguarded: the id and the numbers a question asked
 * for as numbers, the times as the stored ISO 8601 text (UTC, to the millisecond: a spreadsheet
 * date cell would drop the zone and the milliseconds), a missing answer as empty text.
 */
export function exportCells(survey: Survey, response: ExportResponse): readonly Cell[] {
  return [
    response.id,
    response.startedAt,
    response.completedAt ?? '',
    ...langColumn(survey).map(() => response.lang ?? ''),
    ...survey.hidden.map((name) => hiddenValue(response.hidden, name) ?? ''),
    ...csvCells(survey.questions, answersById(survey, response)),
  ];
}

export function csvRow(survey: Survey, response: ExportResponse): string {
  return csvLine(exportCells(survey, response));
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
    ...(survey.languages === undefined ? {} : { lang: response.lang ?? null }),
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

/** Options of the text exports. */
export interface EncodeOptions {
  /**
   * CSV only: start with a UTF-8 byte order mark. Excel reads a CSV without one in the
   * system's legacy code page (`café` becomes `cafÃ©`); with one, as UTF-8. Off by default so
   * the file stays the plain RFC 4180 bytes that scripts expect.
   */
  readonly bom?: boolean;
}

/** U+FEFF, which UTF-8 encodes as EF BB BF. */
const BOM = '\uFEFF';

/**
 * Encodes every response of one survey version. `version` is recorded in the JSON document
 * (the CSV header is fixed by the spec, so the version is in the file name instead).
 */
export async function* encodeExport(
  format: ExportFormat,
  survey: Survey,
  version: number,
  responses: AsyncIterable<ExportResponse>,
  options: EncodeOptions = {},
): AsyncGenerator<string> {
  let buffer =
    format === 'csv'
      ? (options.bom === true ? BOM : '') + csvHeader(survey)
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
