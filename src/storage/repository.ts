import type { Kysely, Selectable } from 'kysely';
import type {
  CreateResponseInput,
  RecordAnswerInput,
  RecordOutcome,
  Storage,
  StoredResponse,
} from './contract.js';
import type { Engine } from './engine.js';
import { StorageUnavailable } from './errors.js';
import { streamResponses } from './export.js';
import { choiceCounts, listComments, surveyCounts } from './results.js';
import { toStoredResponse } from './rows.js';
import type { AnswersTable, Database } from './schema.js';
import { getVersion, listVersions, registerVersion } from './versions.js';

/**
 * The engine-neutral `Storage`: plain Kysely queries, with driver errors that mean "the
 * database is not there" turned into `StorageUnavailable` (everything else is a bug and
 * propagates unchanged).
 */
export function createRepository(db: Kysely<Database>, engine: Engine): Storage {
  let closed = false;

  async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (engine.isUnavailable(error)) throw new StorageUnavailable(operation, { cause: error });
      throw error;
    }
  }

  async function* guardStream<T>(
    operation: string,
    open: () => AsyncIterable<T>,
  ): AsyncGenerator<T> {
    try {
      yield* open();
    } catch (error) {
      if (engine.isUnavailable(error)) throw new StorageUnavailable(operation, { cause: error });
      throw error;
    }
  }

  return {
    createResponse: (input) => guard('createResponse', () => createResponse(db, input)),
    recordAnswer: (input) => guard('recordAnswer', () => recordAnswer(db, input)),
    countAnswers: (id, survey) => guard('countAnswers', () => countAnswers(db, id, survey)),
    getResponse: (id) => guard('getResponse', () => getResponse(db, id)),
    listResponses: (survey) => guard('listResponses', () => listResponses(db, survey)),
    registerVersion: (input) => guard('registerVersion', () => registerVersion(db, input)),
    getVersion: (id) => guard('getVersion', () => getVersion(db, id)),
    listVersions: (survey) => guard('listVersions', () => listVersions(db, survey)),
    surveyCounts: () => guard('surveyCounts', () => surveyCounts(db)),
    choiceCounts: (id) => guard('choiceCounts', () => choiceCounts(db, id)),
    listComments: (id, page) => guard('listComments', () => listComments(db, id, page)),
    streamResponses: (id, batchSize) =>
      guardStream('streamResponses', () => streamResponses(db, id, batchSize)),
    async ping() {
      if (closed) return false;
      try {
        await engine.probe(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

async function createResponse(db: Kysely<Database>, input: CreateResponseInput): Promise<number> {
  const row = await db
    .insertInto('responses')
    .values({
      survey: input.survey,
      version_id: input.versionId,
      started_at: input.startedAt.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * One answer. Most answers are one INSERT, atomic by itself, so they run without an explicit
 * transaction (on SQLite that saves a BEGIN and a COMMIT per answer); the last answer also
 * marks the response complete, and those two writes share a transaction.
 */
async function recordAnswer(
  db: Kysely<Database>,
  input: RecordAnswerInput,
): Promise<RecordOutcome> {
  return input.completes
    ? db.transaction().execute((trx) => recordIn(trx, input))
    : recordIn(db, input);
}

async function recordIn(trx: Kysely<Database>, input: RecordAnswerInput): Promise<RecordOutcome> {
  const at = input.at.toISOString();
  // INSERT … SELECT from the response row checks "exists and belongs to this survey" in
  // the same statement as the write. Writing first also matters on SQLite: a transaction
  // that reads before it writes cannot wait for the lock (SQLITE_BUSY_SNAPSHOT).
  // The casts give PostgreSQL parameter types it cannot infer inside a SELECT list.
  const inserted = await trx
    .insertInto('answers')
    .columns(['response_id', 'version_id', 'question', 'answer', 'comment', 'answered_at'])
    .expression((eb) =>
      eb
        .selectFrom('responses')
        .select([
          'responses.id',
          'responses.version_id',
          eb.cast<number>(eb.val(input.question), 'integer').as('question'),
          eb.cast<string>(eb.val(input.answer), 'text').as('answer'),
          eb.cast<string | null>(eb.val(input.comment), 'text').as('comment'),
          eb.cast<string>(eb.val(at), 'text').as('answered_at'),
        ])
        .where('responses.id', '=', input.responseId)
        .where('responses.survey', '=', input.survey),
    )
    .onConflict((oc) => oc.columns(['response_id', 'question']).doNothing())
    .executeTakeFirst();

  if (inserted.numInsertedOrUpdatedRows === 1n) {
    if (input.completes) {
      await trx
        .updateTable('responses')
        .set({ completed_at: at })
        .where('id', '=', input.responseId)
        .where('completed_at', 'is', null)
        .execute();
    }
    return { kind: 'recorded' };
  }
  const response = await trx
    .selectFrom('responses')
    .select('id')
    .where('id', '=', input.responseId)
    .where('survey', '=', input.survey)
    .executeTakeFirst();
  return response === undefined ? { kind: 'unknown-response' } : { kind: 'duplicate' };
}

async function countAnswers(
  db: Kysely<Database>,
  responseId: number,
  survey: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('responses')
    .leftJoin('answers', 'answers.response_id', 'responses.id')
    .select((eb) => eb.fn.count<number | string | bigint>('answers.question').as('answered'))
    .where('responses.id', '=', responseId)
    .where('responses.survey', '=', survey)
    .groupBy('responses.id')
    .executeTakeFirst();
  // PostgreSQL's count is a bigint, which pg hands over as text.
  return row === undefined ? undefined : Number(row.answered);
}

async function getResponse(
  db: Kysely<Database>,
  responseId: number,
): Promise<StoredResponse | undefined> {
  const response = await db
    .selectFrom('responses')
    .selectAll()
    .where('id', '=', responseId)
    .executeTakeFirst();
  if (response === undefined) return undefined;
  const answers = await db
    .selectFrom('answers')
    .selectAll()
    .where('response_id', '=', responseId)
    .orderBy('question')
    .execute();
  return toStoredResponse(response, answers);
}

async function listResponses(db: Kysely<Database>, survey: string): Promise<StoredResponse[]> {
  const responses = await db
    .selectFrom('responses')
    .selectAll()
    .where('survey', '=', survey)
    .orderBy('id')
    .execute();
  const answers = await db
    .selectFrom('answers')
    .innerJoin('responses', 'responses.id', 'answers.response_id')
    .selectAll('answers')
    .where('responses.survey', '=', survey)
    .orderBy('answers.response_id')
    .orderBy('answers.question')
    .execute();
  // Map.groupBy needs Node 21; the engines field allows Node 20.
  const byResponse = new Map<number, Selectable<AnswersTable>[]>();
  for (const answer of answers) {
    const list = byResponse.get(answer.response_id);
    if (list === undefined) byResponse.set(answer.response_id, [answer]);
    else list.push(answer);
  }
  return responses.map((response) => toStoredResponse(response, byResponse.get(response.id) ?? []));
}
