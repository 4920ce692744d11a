import type { Kysely, Selectable } from 'kysely';
import type { ResponseRange, StoredResponse } from './contract.js';
import { itemsByResponse, toStoredResponse } from './rows.js';
import type { AnswersTable, Database } from './schema.js';

/** Responses read per round trip by default: a few hundred KB of rows at most. */
export const DEFAULT_BATCH_SIZE = 500;

/**
 * Every response of one version, in id order, read by keyset pagination
 * (`WHERE id > last ORDER BY id LIMIT n`): each page is an index range on both engines, so
 * memory holds one page however many rows there are, and no driver cursor (pg-cursor) is
 * needed. Rows added while the stream runs may or may not be included; none is read twice.
 * `range` reads only the first `limit` responses with an id above `after` (the read API's pages).
 */
export async function* streamResponses(
  db: Kysely<Database>,
  versionId: number,
  batchSize = DEFAULT_BATCH_SIZE,
  range: ResponseRange = { after: 0, limit: Infinity },
): AsyncGenerator<StoredResponse> {
  let { after } = range;
  let left = range.limit;
  while (left > 0) {
    const size = Math.min(batchSize, left);
    const responses = await db
      .selectFrom('responses')
      .selectAll()
      .where('version_id', '=', versionId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(size)
      .execute();
    const first = responses[0];
    const last = responses.at(-1);
    if (first === undefined || last === undefined) return;
    const answers = await db
      .selectFrom('answers')
      .selectAll()
      .where('response_id', '>=', first.id)
      .where('response_id', '<=', last.id)
      .orderBy('response_id')
      .orderBy('question')
      .execute();
    const items = await db
      .selectFrom('answer_items')
      .select(['response_id', 'question', 'item', 'value', 'num'])
      .where('response_id', '>=', first.id)
      .where('response_id', '<=', last.id)
      .orderBy('response_id')
      .execute();
    const itemsOf = itemsByResponse(items);
    let next = 0;
    for (const response of responses) {
      const own: Selectable<AnswersTable>[] = [];
      // Both lists are ordered by response id: one merge pass pairs them.
      while (next < answers.length && (answers[next]?.response_id ?? Infinity) < response.id)
        next++;
      while (next < answers.length && answers[next]?.response_id === response.id) {
        own.push(answers[next] as Selectable<AnswersTable>);
        next++;
      }
      yield toStoredResponse(response, own, itemsOf.get(response.id));
    }
    if (responses.length < size) return;
    after = last.id;
    left -= size;
  }
}
