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
import type { Survey } from './survey.js';

/** One response as exported (structurally what storage returns). */
export interface ExportResponse {
  readonly id: number;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly answers: readonly {
    readonly question: number;
    readonly answer: string;
    readonly comment: string | null;
  }[];
}

export type ExportFormat = 'csv' | 'json';

/** Text is flushed in chunks of about this many characters. */
const CHUNK = 64 * 1024;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: neutralised against formula injection, then quoted when it must be. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** `id,started_at,completed_at`, each question's text, then `<text> (comment)` per comment box. */
export function csvHeader(survey: Survey): string {
  const questions = survey.questions.map((q) => q.text);
  const comments = survey.questions.filter((q) => q.allowText).map((q) => `${q.text} (comment)`);
  return csvLine(['id', 'started_at', 'completed_at', ...questions, ...comments]);
}

export function csvRow(survey: Survey, response: ExportResponse): string {
  const byQuestion = new Map(response.answers.map((a) => [a.question, a]));
  const answers = survey.questions.map((_, i) => byQuestion.get(i)?.answer ?? '');
  const comments = survey.questions.flatMap((q, i) =>
    q.allowText ? [byQuestion.get(i)?.comment ?? ''] : [],
  );
  return csvLine([
    String(response.id),
    response.startedAt,
    response.completedAt ?? '',
    ...answers,
    ...comments,
  ]);
}

/** One response as a JSON array element, answers naming their questions by text. */
export function jsonResponse(survey: Survey, response: ExportResponse): string {
  return JSON.stringify({
    id: response.id,
    startedAt: response.startedAt,
    completedAt: response.completedAt,
    answers: response.answers.map((a) => ({
      question: survey.questions[a.question]?.text ?? `Question ${a.question + 1}`,
      answer: a.answer,
      comment: a.comment,
    })),
  });
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
