/**
 * The XLSX export (issue 17 item 3): the CSV's columns and rows as one worksheet, for owners
 * who open their answers in Excel. Numbers the survey asked for are number cells, the times
 * stay the CSV's ISO 8601 text, and every text cell carries the CSV's formula guard, so a cell
 * reads the same in both files.
 *
 * Streamed in constant memory with exceljs's `WorkbookWriter`: each row is committed (turned
 * into XML and handed to the zip) as soon as it is added, and none is kept. exceljs does not
 * pass backpressure on, though: its worksheet stream writes into the deflater whatever the
 * reader's pace, so a slow client or a fast database would pile the file up in zlib's buffer.
 * The writer therefore waits, after each row, while more than `MAX_BACKLOG` bytes sit between
 * the worksheet and the reader (`backlog` below).
 */
import { PassThrough, type Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
// exceljs is loaded on the first export, not at startup: it is a large library that only owners'
// downloads need, and a respondent-serving process should not carry it (peak RSS, issue 14).
import type ExcelJS from 'exceljs';
import { exportCells, exportHeader, guardedCell, type ExportResponse } from './exports.js';
import type { Cell } from './questions/index.js';
import type { Survey } from './survey.js';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bytes allowed in flight before the writer waits for the reader: a few zip chunks. */
const MAX_BACKLOG = 1024 * 1024;

/**
 * How often a waiting writer looks again. Nothing signals "the deflater caught up", so it
 * polls; a timer (not setImmediate) so that a stalled client costs a few wake-ups a second,
 * not a spinning core.
 */
const RECHECK_MS = 2;

/**
 * The part of exceljs's worksheet stream (`StreamBuf`, lib/utils/stream-buf.js) the backlog is
 * read from: not in its typings, so checked at run time (`backlog` throws if it ever changes
 * shape, and the XLSX tests fail instead of memory growing quietly).
 */
interface SheetStream {
  readonly buffers: readonly unknown[];
  readonly bufSize: number;
  readonly pipes: readonly Writable[];
}

function sheetStreamOf(sheet: ExcelJS.Worksheet): SheetStream {
  const stream = (sheet as unknown as { stream?: Partial<SheetStream> }).stream;
  if (
    stream === undefined ||
    !Array.isArray(stream.buffers) ||
    !Array.isArray(stream.pipes) ||
    typeof stream.bufSize !== 'number'
  ) {
    throw new Error('exceljs worksheet stream changed shape: XLSX backpressure needs updating');
  }
  return stream as SheetStream;
}

/**
 * Bytes written but not yet read: in the worksheet stream until the zip starts reading it,
 * then in the deflater (which exceljs writes to without waiting), then in `output`. What lies
 * between deflater and output is bounded by the pipes' own backpressure.
 */
function backlog(sheet: SheetStream, output: PassThrough): number {
  const next = sheet.pipes[0];
  const upstream = next === undefined ? sheet.buffers.length * sheet.bufSize : buffered(next);
  return upstream + output.writableLength + output.readableLength;
}

/**
 * Bytes a stream holds, written and not yet read. The stream exceljs's worksheet feeds comes
 * from the `readable-stream` package (v3), whose streams lack Node's `writableLength` and
 * `readableLength` getters but keep the same `_writableState` / `_readableState` lengths.
 */
function buffered(stream: Writable): number {
  const states = stream as unknown as {
    _writableState?: { length?: unknown };
    _readableState?: { length?: unknown };
  };
  const written = states._writableState?.length;
  const readable = states._readableState?.length;
  if (typeof written !== 'number' || typeof readable !== 'number') {
    throw new Error('exceljs worksheet stream changed shape: XLSX backpressure needs updating');
  }
  return written + readable;
}

/**
 * A row's cells as the sheet holds them: guarded like the CSV's; an empty field an empty cell,
 * not one holding '' (which COUNTA would count); a line break `\n`, the one Excel types in a
 * cell (XML reads a stored CR LF as LF anyway, XML 1.0 §2.11).
 */
function sheetCells(values: readonly Cell[]): (Cell | null)[] {
  return values.map((value) => {
    if (value === '') return null;
    const cell = guardedCell(value);
    return typeof cell === 'string' ? cell.replace(/\r\n?/g, '\n') : cell;
  });
}

/**
 * Encodes every response of one survey version as an XLSX file, in chunks. The first response
 * is read before any byte is produced, so a database that is down fails the first `next()`
 * (and the route answers 503) rather than cutting a started download short. Stopping the
 * iteration early (a client that goes away) stops the writer and the database reads.
 */
export async function* encodeXlsx(
  survey: Survey,
  version: number,
  responses: AsyncIterable<ExportResponse>,
): AsyncGenerator<Buffer> {
  const rows = responses[Symbol.asyncIterator]();
  const first = await rows.next();
  const { default: excel } = await import('exceljs');
  const output = new PassThrough();
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: output });
  workbook.creator = 'Canvass';
  const sheet = workbook.addWorksheet(`Responses v${version}`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  let stopped = false;
  const write = async () => {
    sheet.addRow(sheetCells(exportHeader(survey))).commit();
    const stream = sheetStreamOf(sheet);
    for (let next = first; next.done !== true; next = await rows.next()) {
      sheet.addRow(sheetCells(exportCells(survey, next.value))).commit();
      while (backlog(stream, output) > MAX_BACKLOG) {
        if (stopped) return;
        await sleep(RECHECK_MS);
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  const writing = write().catch((error: unknown) => {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  try {
    for await (const chunk of output) yield chunk as Buffer;
    await writing;
  } finally {
    stopped = true;
    output.destroy();
    await rows.return?.();
  }
}
