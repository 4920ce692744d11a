import type { Kysely } from 'kysely';
import type { ResponseState, SubmitOutcome, SubmitPageInput } from './contract.js';
import { givePlaceBack, takePlace, type CapQueries } from './caps.js';
import { precompile, precompileByLength, type Executor } from './precompiled.js';
import { rowNum, toResponseState } from './rows.js';
import type { Database } from './schema.js';
import { enqueueCompletion } from './webhooks.js';

/**
 * Page writes of the path flow (SURVEYS.md §4), engine-neutral. A response's `revision` is the
 * optimistic lock: the form of a page carries the revision it was rendered at, and its write
 * is one transaction that begins by bumping that very revision (`UPDATE … WHERE revision = ?`).
 * Whichever write gets there second matches no row and writes nothing: on SQLite the writes
 * run one after the other anyway; on PostgreSQL the second UPDATE waits for the first's row
 * lock and, under READ COMMITTED, re-checks its WHERE against the committed row, which no
 * longer has the old revision.
 */
export function pageQueries(db: Kysely<Database>) {
  const range = (length: number) => Array.from({ length }, (_, i) => i);
  return {
    // Writing first matters on SQLite too: a transaction that reads before it writes cannot
    // wait for the lock (SQLITE_BUSY_SNAPSHOT). RETURNING gives the version the answers copy.
    bump: precompile(
      (
        responseId: number,
        survey: string,
        revision: number,
        frontier: number | null,
        completedAt: string | null,
      ) =>
        db
          .updateTable('responses')
          .set((eb) => ({
            revision: eb('revision', '+', 1),
            frontier,
            completed_at: completedAt,
          }))
          .where('id', '=', responseId)
          .where('survey', '=', survey)
          .where('revision', '=', revision)
          .where('completed_at', 'is', null)
          .returning(['revision', 'version_id']),
    ),
    // A completing page's webhook events, in its transaction (webhooks.ts).
    enqueue: enqueueCompletion(db),
    state: precompile((responseId: number, survey: string) =>
      db
        .selectFrom('responses')
        .select(['id', 'survey', 'version_id', 'revision', 'completed_at', 'hidden', 'lang'])
        .where('id', '=', responseId)
        .where('survey', '=', survey),
    ),
    answers: precompile((responseId: number) =>
      db
        .selectFrom('answers')
        .select(['question', 'answer', 'comment', 'answered_at', 'num', 'other'])
        .where('response_id', '=', responseId)
        .orderBy('question'),
    ),
    items: precompile((responseId: number) =>
      db
        .selectFrom('answer_items')
        .select(['question', 'item', 'value', 'num'])
        .where('response_id', '=', responseId)
        .orderBy('question'),
    ),
    // The page write's statements whose text grows with the page: compiled once per length
    // (building and compiling a Kysely query costs more than SQLite takes to run it). Values:
    // the response id, then the question indices.
    removeItems: precompileByLength((length, value) =>
      db
        .deleteFrom('answer_items')
        .where('response_id', '=', value(0))
        .where(
          'question',
          'in',
          range(length).map((i) => value(1 + i)),
        ),
    ),
    removeAnswers: precompileByLength((length, value) =>
      db
        .deleteFrom('answers')
        .where('response_id', '=', value(0))
        .where(
          'question',
          'in',
          range(length).map((i) => value(1 + i)),
        ),
    ),
    /** Values: `ANSWER_COLUMNS` values a row, row after row. */
    insertAnswers: precompileByLength((length, value) =>
      db.insertInto('answers').values(
        range(length).map((row) => {
          const at = (column: number) => value(row * ANSWER_COLUMNS + column);
          return {
            response_id: at(0),
            version_id: at(1),
            question: at(2),
            answer: at(3),
            comment: at(4),
            answered_at: at(5),
            num: at(6),
            other: at(7),
          };
        }),
      ),
    ),
    /** Values: `ITEM_COLUMNS` values a row, row after row. */
    insertItems: precompileByLength((length, value) =>
      db.insertInto('answer_items').values(
        range(length).map((row) => {
          const at = (column: number) => value(row * ITEM_COLUMNS + column);
          return {
            response_id: at(0),
            version_id: at(1),
            question: at(2),
            item: at(3),
            value: at(4),
            num: at(5),
          };
        }),
      ),
    ),
  };
}

const ANSWER_COLUMNS = 8;
const ITEM_COLUMNS = 6;

export type PageQueries = ReturnType<typeof pageQueries>;

type StateRow = Awaited<ReturnType<PageQueries['state']>>['rows'][number];
type AnswerRow = Awaited<ReturnType<PageQueries['answers']>>['rows'][number];
type ItemRow = Awaited<ReturnType<PageQueries['items']>>['rows'][number];

/**
 * The response's row, then its answers, then their items. Where these are not one snapshot
 * (PostgreSQL's READ COMMITTED, outside a shared transaction), that order keeps the revision
 * no newer than the answers read with it: a page built on answers a later write changed
 * carries a revision that write already bumped, so its own write is stale and changes nothing.
 */
export async function readResponseState(
  db: Executor,
  q: PageQueries,
  responseId: number,
  survey: string,
): Promise<ResponseState | undefined> {
  const row = (await q.state(db, responseId, survey)).rows[0];
  if (row === undefined) return undefined;
  const answers = (await q.answers(db, responseId)).rows;
  return toResponseState(row, answers, (await q.items(db, responseId)).rows);
}

/**
 * `readResponseState` read at once inside a shared transaction (`Engine.readRows`, SQLite):
 * the same three statements, without a promise, a result object or the connection's wrapper
 * for each. Every request of a path survey makes this read.
 */
export function readResponseStateNow(
  rows: (sql: string, parameters: readonly unknown[]) => unknown[],
  q: PageQueries,
  responseId: number,
  survey: string,
): ResponseState | undefined {
  const row = rows(q.state.sql, q.state.parameters(responseId, survey))[0] as StateRow | undefined;
  if (row === undefined) return undefined;
  const answers = rows(q.answers.sql, q.answers.parameters(responseId)) as AnswerRow[];
  return toResponseState(
    row,
    answers,
    rows(q.items.sql, q.items.parameters(responseId)) as ItemRow[],
  );
}

/**
 * One page write; `trx` is one transaction (the caller's). Nothing but the UPDATE runs when it
 * matches no row, and then one read tells a stale revision from a response that is not there.
 * The deletes and inserts are compiled once per length: their lengths vary with the page.
 *
 * A completing page of a survey with a cap first takes a place (caps.ts); it gives it back when
 * the revision turns out stale, all in this one transaction, so nobody else sees it taken.
 */
export async function submitPage(
  trx: Executor,
  q: PageQueries,
  caps: CapQueries,
  input: SubmitPageInput,
): Promise<SubmitOutcome> {
  const cap = input.completes ? input.cap : undefined;
  if (cap !== undefined && !(await takePlace(trx, caps, cap))) {
    const found = (await q.state(trx, input.responseId, input.survey)).rows[0];
    if (found === undefined) return { kind: 'unknown-response' };
    // A write that would have been stale stays stale: it changes nothing either way.
    return found.revision !== input.revision || found.completed_at !== null
      ? { kind: 'stale' }
      : { kind: 'full' };
  }
  const at = input.at.toISOString();
  const bumped = await q.bump(
    trx,
    input.responseId,
    input.survey,
    input.revision,
    input.frontier,
    input.completes ? at : null,
  );
  const row = bumped.rows[0];
  if (row === undefined) {
    if (cap !== undefined) await givePlaceBack(trx, caps, cap);
    const found = await q.state(trx, input.responseId, input.survey);
    return found.rows.length === 0 ? { kind: 'unknown-response' } : { kind: 'stale' };
  }
  if (input.completes) await q.enqueue(trx, input.responseId, input.survey, at);
  // The page's own questions go even when the caller did not list them: their new rows would
  // otherwise meet the old ones' primary key.
  const remove = [...new Set([...input.remove, ...input.answers.map((a) => a.question)])];
  if (remove.length > 0) {
    const values = [input.responseId, ...remove];
    await q.removeItems(trx, remove.length, values);
    await q.removeAnswers(trx, remove.length, values);
  }
  if (input.answers.length > 0) {
    const values = input.answers.flatMap((answer) => [
      input.responseId,
      row.version_id,
      answer.question,
      answer.answer,
      answer.comment,
      at,
      rowNum(answer),
      answer.other ?? null,
    ]);
    await q.insertAnswers(trx, input.answers.length, values);
  }
  const items = input.answers.flatMap((answer) =>
    (answer.items ?? []).map((item) => [
      input.responseId,
      row.version_id,
      answer.question,
      item.item,
      item.value,
      item.num,
    ]),
  );
  if (items.length > 0) await q.insertItems(trx, items.length, items.flat());
  return { kind: 'recorded', revision: row.revision };
}
