import { jsonResponse, type ExportResponse } from './exports.js';
import type { Survey } from './survey.js';

/** Text is flushed in chunks of about this many characters, as the exports flush theirs. */
const CHUNK = 64 * 1024;

/**
 * One page of the read API's response list (issue 17 item 5), as a stream of JSON text:
 * `{"survey":…,"version":N,"responses":[…],"next":…,"more":…}`, each response exactly as the
 * JSON export writes it (`jsonResponse`). `responses` are those with an id above `after`, and
 * may hold one more than `limit`: that one is not sent, it only says there are `more` now.
 * `next` (made by `cursor` from the last id sent, or from `after` when none was) is where the
 * following page starts, on the last page too: a client keeps it to ask later for the
 * responses begun since. Stops reading `responses` (closing it) once it has what it needs.
 */
export async function* encodeResponsePage(
  survey: Survey,
  version: number,
  page: {
    readonly responses: AsyncIterable<ExportResponse>;
    readonly after: number;
    readonly limit: number;
  },
  cursor: (after: number) => string,
): AsyncGenerator<string> {
  let buffer = `{"survey":${JSON.stringify(survey.slug)},"version":${version},"responses":[`;
  let sent = 0;
  let last = page.after;
  let more = false;
  for await (const response of page.responses) {
    if (sent === page.limit) {
      more = true;
      break;
    }
    buffer += (sent === 0 ? '\n' : ',\n') + jsonResponse(survey, response);
    sent++;
    last = response.id;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  const tail = `],"next":${JSON.stringify(cursor(last))},"more":${more}}`;
  yield `${buffer}${sent === 0 ? '' : '\n'}${tail}\n`;
}
