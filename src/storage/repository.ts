import type { Kysely, Selectable } from 'kysely';
import { groupScope, narrowScope, runsOn, type ResultsDb } from './scope.js';
import { createAdminSession, endAdminSession, isAdminSessionActive } from './admin-sessions.js';
import {
  createApiToken,
  findApiToken,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from './api-tokens.js';
import type {
  Completion,
  CreateResponseInput,
  RecordAnswerInput,
  RecordOutcome,
  Storage,
  StoredResponse,
  SubmitPageInput,
} from './contract.js';
import { Batcher } from './batcher.js';
import { capQueries, isFull, takePlace, type CapQueries } from './caps.js';
import type { CompletionInput, CountInput, Engine } from './engine.js';
import { StorageUnavailable } from './errors.js';
import { DEFAULT_BATCH_SIZE, streamResponses } from './export.js';
import {
  crossFigures,
  groupFigures,
  groupPageCounts,
  groupScopeCounts,
  listScopedComments,
  listTexts,
  pageCounts,
  questionFigures,
  hiddenValues,
  scopeCounts,
} from './figures.js';
import { GroupCommit } from './group-commit.js';
import { clearVersion, deleteResponse, listAudit, listResponseLines } from './manage.js';
import { pageQueries, readResponseState, readResponseStateNow, submitPage } from './pages.js';
import { precompile, type Executor } from './precompiled.js';
import { pruneEmptyResponses } from './respondents.js';
import {
  createPublicLink,
  findPublicLink,
  listPublicLinks,
  revokePublicLink,
} from './public-links.js';
import { createResumeToken, findResumeToken } from './resume-tokens.js';
import { choiceCounts, listComments, surveyCounts } from './results.js';
import {
  hiddenColumn,
  itemsByQuestion,
  itemsByResponse,
  rowNum,
  toStoredResponse,
} from './rows.js';
import type { AnswersTable, Database } from './schema.js';
import { getVersion, listVersions, registerVersion } from './versions.js';
import { enqueueCompletion, webhookStorage } from './webhooks.js';

/**
 * The engine-neutral `Storage`: Kysely queries, with driver errors that mean "the database is
 * not there" turned into `StorageUnavailable` (everything else is a bug and propagates
 * unchanged). A respondent's own statements are compiled once (`respondentQueries`) and, on
 * an engine that group-commits (SQLite), share transactions with the others that arrive
 * together (decision 0006); on an engine that batches statements (PostgreSQL), the others of
 * the same kind that arrive together share one statement instead (decision 0008).
 */
export function createRepository(
  db: Kysely<Database>,
  engine: Engine,
  reads: Kysely<Database> = db,
): Storage {
  let closed = false;
  /**
   * The owners' results read on `reads` (SQLite's reader threads, decision 0030), but for a
   * query that names a request's temporary table, which only the main connection holds.
   */
  const results: ResultsDb = { reads, tables: db };
  const q = respondentQueries(db);
  const pages = pageQueries(db);
  const caps = capQueries(db);
  const shared = engine.groupCommit
    ? new GroupCommit(db, (error) => engine.isUnavailable(error))
    : undefined;
  /** Runs a respondent's write in a shared transaction, or in its own when `alone`. */
  const write = <T>(alone: boolean, run: (trx: Executor) => Promise<T>): Promise<T> => {
    if (shared !== undefined) return shared.run('write', run);
    return alone ? db.transaction().execute(run) : run(db);
  };
  /** Runs a respondent's read in a shared transaction, or on its own. */
  const read = <T>(run: (trx: Executor) => Promise<T>): Promise<T> =>
    shared === undefined ? run(db) : shared.run('read', run);
  /**
   * The stored answer count, read synchronously inside the shared transaction where the
   * engine can (SQLite): the question page's one query, with no row object or promise of its
   * own. Elsewhere through Kysely's executor like every other query.
   */
  const { readValue, readRows } = engine;
  const count = (id: number, survey: string): Promise<number | undefined> =>
    shared !== undefined && readValue !== undefined
      ? shared.run('read', () =>
          answerCount(readValue(q.countAnswers.sql, q.countAnswers.parameters(id, survey))),
        )
      : read((trx) => countAnswers(trx, q, id, survey));
  /**
   * `findCompletion` runs on every `begin` and every last answer, and almost always finds
   * nothing: one indexed probe for the id, read like the count above, and the version only
   * when there is a completion to report.
   */
  const completion = (survey: string, respondent: string): Promise<Completion | undefined> => {
    const found = (id: unknown): Promise<Completion | undefined> | undefined =>
      id === undefined || id === null
        ? undefined
        : read((trx) => q.getResponse(trx, Number(id))).then(({ rows }) => {
            const row = rows[0];
            return row === undefined
              ? undefined
              : { responseId: row.id, versionId: row.version_id };
          });
    return shared !== undefined && readValue !== undefined
      ? shared
          .run('read', () =>
            readValue(q.completedBy.sql, q.completedBy.parameters(respondent, survey)),
          )
          .then(found)
      : read((trx) => q.completedBy(trx, respondent, survey)).then(({ rows }) =>
          found(rows[0]?.id),
        );
  };
  const batched = batchersFor(db, engine);
  const hooks = webhookStorage(db);

  /**
   * `run`, with a driver error that means "the database is not there" turned into
   * `StorageUnavailable`. A `then`, not an async function: every respondent request passes
   * through here, and an async frame costs each of them another promise and a resumption.
   */
  function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const classify = (error: unknown): never => {
      if (engine.isUnavailable(error)) throw new StorageUnavailable(operation, { cause: error });
      throw error;
    };
    try {
      return run().then(undefined, classify);
    } catch (error) {
      return Promise.resolve().then(() => classify(error));
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
    createResponse: (input) =>
      guard('createResponse', () =>
        batched === undefined
          ? write(false, (trx) => createResponse(trx, q, input))
          : batched.createResponse.run(input),
      ),
    // A completing answer of a survey with a cap needs its own transaction (caps.ts), so it
    // leaves the batched statement; every other answer takes the path it always took.
    recordAnswer: (input) =>
      guard('recordAnswer', () =>
        batched === undefined || (input.completes && input.cap !== undefined)
          ? write(input.completes, (trx) => recordIn(trx, q, caps, input))
          : batched.recordAnswer.run(input),
      ),
    readResponseState: (responseId, survey) =>
      guard('readResponseState', () =>
        batched !== undefined
          ? batched.readState.run({ responseId, survey })
          : shared !== undefined && readRows !== undefined
            ? shared.run('read', () => readResponseStateNow(readRows, pages, responseId, survey))
            : read((trx) => readResponseState(trx, pages, responseId, survey)),
      ),
    // Always a transaction of its own where there is no shared one: its statements must
    // commit together. On SQLite it joins the group commit like every respondent's write; on
    // PostgreSQL it is one batched statement, except a completing page under a cap (caps.ts).
    submitPage: (input) =>
      guard('submitPage', () =>
        batched === undefined || (input.completes && input.cap !== undefined)
          ? write(true, (trx) => submitPage(trx, pages, caps, input))
          : batched.submitPage.run(input),
      ),
    isFull: (cap) => guard('isFull', () => read((trx) => isFull(trx, caps, cap))),
    countAnswers: (responseId, survey) =>
      guard('countAnswers', () =>
        batched === undefined
          ? count(responseId, survey)
          : batched.countAnswers.run({ responseId, survey }),
      ),
    getResponse: (id) =>
      guard('getResponse', () =>
        batched === undefined
          ? read((trx) => getResponse(trx, q, id))
          : batched.getResponse.run(id),
      ),
    listResponses: (survey) => guard('listResponses', () => listResponses(db, survey)),
    registerVersion: (input) => guard('registerVersion', () => registerVersion(db, input)),
    getVersion: (id) => guard('getVersion', () => getVersion(db, id)),
    listVersions: (survey) => guard('listVersions', () => listVersions(db, survey)),
    surveyCounts: () => guard('surveyCounts', () => surveyCounts(reads)),
    choiceCounts: (id, questions) =>
      guard('choiceCounts', () => choiceCounts(reads, id, questions)),
    listComments: (id, page) => guard('listComments', () => listComments(reads, id, page)),
    questionFigures: (query) =>
      guard('questionFigures', () => questionFigures(runsOn(results, [query.set]), query)),
    pageCounts: (query) =>
      guard('pageCounts', () => pageCounts(runsOn(results, [query.set]), query)),
    narrow: (scope) => guard('narrow', () => narrowScope(results, engine.narrowedSets, scope)),
    scopeCounts: (scope) =>
      guard('scopeCounts', () => scopeCounts(runsOn(results, [scope.set]), scope)),
    group: (scope, filters) =>
      guard('group', () => groupScope(results, engine.narrowedSets, scope, filters)),
    groupFigures: (query, groups) =>
      guard('groupFigures', () =>
        groupFigures(runsOn(results, [query.set], groups), query, groups),
      ),
    crossFigures: (query, groups) =>
      guard('crossFigures', () =>
        crossFigures(runsOn(results, [query.set], groups), query, groups),
      ),
    groupScopeCounts: (groups) =>
      guard('groupScopeCounts', () => groupScopeCounts(runsOn(results, [], groups), groups)),
    groupPageCounts: (query, groups) =>
      guard('groupPageCounts', () =>
        groupPageCounts(runsOn(results, [query.set], groups), query, groups),
      ),
    hiddenValues: (scope, name, limit) =>
      guard('hiddenValues', () => hiddenValues(runsOn(results, [scope.set]), scope, name, limit)),
    listScopedComments: (scope, page) =>
      guard('listScopedComments', () =>
        listScopedComments(runsOn(results, [scope.set]), scope, page),
      ),
    listTexts: (query, page) =>
      guard('listTexts', () => listTexts(runsOn(results, [query.set]), query, page)),
    createAdminSession: (input) => guard('createAdminSession', () => createAdminSession(db, input)),
    isAdminSessionActive: (id, at) =>
      guard('isAdminSessionActive', () => isAdminSessionActive(db, id, at)),
    endAdminSession: (id) => guard('endAdminSession', () => endAdminSession(db, id)),
    createResumeToken: (input) => guard('createResumeToken', () => createResumeToken(db, input)),
    findResumeToken: (hash, survey, at) =>
      guard('findResumeToken', () => findResumeToken(db, hash, survey, at)),
    createPublicLink: (input) => guard('createPublicLink', () => createPublicLink(db, input)),
    findPublicLink: (hash, at) => guard('findPublicLink', () => findPublicLink(db, hash, at)),
    listPublicLinks: (survey) => guard('listPublicLinks', () => listPublicLinks(db, survey)),
    revokePublicLink: (survey, hash, at) =>
      guard('revokePublicLink', () => revokePublicLink(db, survey, hash, at)),
    createApiToken: (input) => guard('createApiToken', () => createApiToken(db, input)),
    findApiToken: (hash) => guard('findApiToken', () => findApiToken(db, hash)),
    listApiTokens: () => guard('listApiTokens', () => listApiTokens(db)),
    revokeApiToken: (input) => guard('revokeApiToken', () => revokeApiToken(db, input)),
    touchApiToken: (id, at) => guard('touchApiToken', () => touchApiToken(db, id, at)),
    findCompletion: (survey, respondent) =>
      guard('findCompletion', () =>
        batched === undefined
          ? completion(survey, respondent)
          : batched.findCompletion.run({ survey, respondent }),
      ),
    pruneEmptyResponses: (before) =>
      guard('pruneEmptyResponses', () => pruneEmptyResponses(db, before)),
    listResponseLines: (survey, page) =>
      guard('listResponseLines', () => listResponseLines(db, survey, page)),
    deleteResponse: (input) => guard('deleteResponse', () => deleteResponse(db, input)),
    clearVersion: (input) => guard('clearVersion', () => clearVersion(db, input)),
    listAudit: (limit) => guard('listAudit', () => listAudit(db, limit)),
    createWebhookEndpoint: (input) =>
      guard('createWebhookEndpoint', () => hooks.createWebhookEndpoint(input)),
    listWebhookEndpoints: () => guard('listWebhookEndpoints', () => hooks.listWebhookEndpoints()),
    getWebhookEndpoint: (id) => guard('getWebhookEndpoint', () => hooks.getWebhookEndpoint(id)),
    setWebhookEndpointDisabled: (id, at) =>
      guard('setWebhookEndpointDisabled', () => hooks.setWebhookEndpointDisabled(id, at)),
    deleteWebhookEndpoint: (id) =>
      guard('deleteWebhookEndpoint', () => hooks.deleteWebhookEndpoint(id)),
    enqueueWebhookTest: (id, at) =>
      guard('enqueueWebhookTest', () => hooks.enqueueWebhookTest(id, at)),
    retryWebhookDelivery: (id, delivery, at) =>
      guard('retryWebhookDelivery', () => hooks.retryWebhookDelivery(id, delivery, at)),
    listWebhookDeliveries: (id, limit) =>
      guard('listWebhookDeliveries', () => hooks.listWebhookDeliveries(id, limit)),
    claimWebhookDeliveries: (input) =>
      guard('claimWebhookDeliveries', () => hooks.claimWebhookDeliveries(input)),
    settleWebhookDelivery: (input) =>
      guard('settleWebhookDelivery', () => hooks.settleWebhookDelivery(input)),
    streamResponses: (id, batchSize) =>
      guardStream('streamResponses', () => streamResponses(db, id, batchSize)),
    pageResponses: (id, range) =>
      guardStream('pageResponses', () => streamResponses(db, id, DEFAULT_BATCH_SIZE, range)),
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
      // The readers first: on SQLite the last connection to close writes the WAL back into
      // the database file and removes it, and a read-only reader's cannot, so a stopped server
      // would leave recent answers in canvass.db-wal, where a copy of canvass.db misses them.
      if (reads !== db) await reads.destroy();
      await db.destroy();
    },
  };
}

/**
 * One `Batcher` per respondent operation where the engine batches statements (PostgreSQL):
 * the operations of the respondents that arrive together go in one statement.
 */
function batchersFor(db: Kysely<Database>, engine: Engine) {
  const { batches } = engine;
  if (batches === undefined) return undefined;
  const isUnavailable = (error: unknown) => engine.isUnavailable(error);
  return {
    createResponse: new Batcher(
      (inputs: readonly CreateResponseInput[]) => batches.createResponses(db, inputs),
      isUnavailable,
    ),
    recordAnswer: new Batcher(
      (inputs: readonly RecordAnswerInput[]) => batches.recordAnswers(db, inputs),
      isUnavailable,
    ),
    countAnswers: new Batcher(
      (inputs: readonly CountInput[]) => batches.countAnswers(db, inputs),
      isUnavailable,
    ),
    getResponse: new Batcher(
      (ids: readonly number[]) => batches.getResponses(db, ids),
      isUnavailable,
    ),
    readState: new Batcher(
      (inputs: readonly CountInput[]) => batches.readStates(db, inputs),
      isUnavailable,
    ),
    submitPage: new Batcher(
      (inputs: readonly SubmitPageInput[]) => batches.submitPages(db, inputs),
      isUnavailable,
    ),
    findCompletion: new Batcher(
      (inputs: readonly CompletionInput[]) => batches.findCompletions(db, inputs),
      isUnavailable,
    ),
  };
}

/** The statements of a respondent's every request, built and compiled once per database. */
function respondentQueries(db: Kysely<Database>) {
  return {
    insertResponse: precompile(
      (
        survey: string,
        versionId: number,
        startedAt: string,
        respondent: string | null,
        hidden: string | null,
        lang: string | null,
      ) =>
        db
          .insertInto('responses')
          .values({
            survey,
            version_id: versionId,
            started_at: startedAt,
            respondent,
            hidden,
            lang,
          })
          .returning('id'),
    ),
    // INSERT … SELECT from the response row checks "exists and belongs to this survey" in
    // the same statement as the write. Writing first also matters on SQLite: a transaction
    // that reads before it writes cannot wait for the lock (SQLITE_BUSY_SNAPSHOT).
    // The casts give PostgreSQL parameter types it cannot infer inside a SELECT list.
    insertAnswer: precompile(
      (
        responseId: number,
        survey: string,
        question: number,
        answer: string,
        comment: string | null,
        at: string,
        num: number | null,
        other: string | null,
      ) =>
        db
          .insertInto('answers')
          .columns([
            'response_id',
            'version_id',
            'question',
            'answer',
            'comment',
            'answered_at',
            'num',
            'other',
          ])
          .expression((eb) =>
            eb
              .selectFrom('responses')
              .select([
                'responses.id',
                'responses.version_id',
                eb.cast<number>(eb.val(question), 'integer').as('question'),
                eb.cast<string>(eb.val(answer), 'text').as('answer'),
                eb.cast<string | null>(eb.val(comment), 'text').as('comment'),
                eb.cast<string>(eb.val(at), 'text').as('answered_at'),
                eb.cast<number | null>(eb.val(num), 'double precision').as('num'),
                eb.cast<string | null>(eb.val(other), 'text').as('other'),
              ])
              .where('responses.id', '=', responseId)
              .where('responses.survey', '=', survey),
          )
          .onConflict((oc) => oc.columns(['response_id', 'question']).doNothing()),
    ),
    // Only after the answer's own row went in: its items are written once, with it.
    insertItem: precompile(
      (
        responseId: number,
        question: number,
        item: string | null,
        value: string,
        num: number | null,
      ) =>
        db
          .insertInto('answer_items')
          .columns(['response_id', 'version_id', 'question', 'item', 'value', 'num'])
          .expression((eb) =>
            eb
              .selectFrom('responses')
              .select([
                'responses.id',
                'responses.version_id',
                eb.cast<number>(eb.val(question), 'integer').as('question'),
                eb.cast<string | null>(eb.val(item), 'text').as('item'),
                eb.cast<string>(eb.val(value), 'text').as('value'),
                eb.cast<number | null>(eb.val(num), 'double precision').as('num'),
              ])
              .where('responses.id', '=', responseId),
          ),
    ),
    getItems: precompile((responseId: number) =>
      db
        .selectFrom('answer_items')
        .select(['question', 'item', 'value', 'num'])
        .where('response_id', '=', responseId)
        .orderBy('question'),
    ),
    // Takes back an answer whose completion found no place left (caps.ts), in its transaction.
    deleteAnswer: precompile((responseId: number, question: number) =>
      db
        .deleteFrom('answers')
        .where('response_id', '=', responseId)
        .where('question', '=', question),
    ),
    completeResponse: precompile((responseId: number, at: string) =>
      db
        .updateTable('responses')
        .set({ completed_at: at })
        .where('id', '=', responseId)
        .where('completed_at', 'is', null),
    ),
    // The completion's webhook events, in its transaction (webhooks.ts).
    enqueueCompletion: enqueueCompletion(db),
    // The first completed response of a survey begun by a browser (respondents.ts says why);
    // the partial index of migration 0003 answers it.
    completedBy: precompile((respondent: string, survey: string) =>
      db
        .selectFrom('responses')
        .select('id')
        .where('respondent', '=', respondent)
        .where('survey', '=', survey)
        .where('completed_at', 'is not', null)
        .orderBy('id')
        .limit(1),
    ),
    findResponse: precompile((responseId: number, survey: string) =>
      db
        .selectFrom('responses')
        .select('id')
        .where('id', '=', responseId)
        .where('survey', '=', survey),
    ),
    getResponse: precompile((responseId: number) =>
      db.selectFrom('responses').selectAll().where('id', '=', responseId),
    ),
    getAnswers: precompile((responseId: number) =>
      db
        .selectFrom('answers')
        .selectAll()
        .where('response_id', '=', responseId)
        .orderBy('question'),
    ),
    // A correlated count over the answers' primary key, without the GROUP BY a join needs:
    // this runs on every question page.
    countAnswers: precompile((responseId: number, survey: string) =>
      db
        .selectFrom('responses')
        .select((eb) =>
          eb
            .selectFrom('answers')
            .select(eb.fn.countAll<number | string | bigint>().as('n'))
            .whereRef('answers.response_id', '=', 'responses.id')
            .as('answered'),
        )
        .where('responses.id', '=', responseId)
        .where('responses.survey', '=', survey),
    ),
  };
}

type RespondentQueries = ReturnType<typeof respondentQueries>;

async function createResponse(
  db: Executor,
  q: RespondentQueries,
  input: CreateResponseInput,
): Promise<number> {
  const { rows } = await q.insertResponse(
    db,
    input.survey,
    input.versionId,
    input.startedAt.toISOString(),
    input.respondent ?? null,
    hiddenColumn(input.hidden),
    input.lang ?? null,
  );
  const row = rows[0];
  if (row === undefined) throw new Error('INSERT … RETURNING id gave no row');
  return row.id;
}

/**
 * One answer: one INSERT, atomic by itself; the last answer also marks the response complete,
 * and those two writes, with its webhook events, share a transaction (the group commit's, or
 * their own). With a cap, the
 * last answer takes a place after its INSERT told it apart from a duplicate, and when there is
 * none the INSERT is taken back before anything else is written.
 */
async function recordIn(
  trx: Executor,
  q: RespondentQueries,
  caps: CapQueries,
  input: RecordAnswerInput,
): Promise<RecordOutcome> {
  const at = input.at.toISOString();
  const inserted = await q.insertAnswer(
    trx,
    input.responseId,
    input.survey,
    input.question,
    input.answer,
    input.comment,
    at,
    rowNum(input),
    input.other ?? null,
  );
  if (inserted.numAffectedRows === 1n) {
    if (input.completes && input.cap !== undefined && !(await takePlace(trx, caps, input.cap))) {
      await q.deleteAnswer(trx, input.responseId, input.question);
      return { kind: 'full' };
    }
    for (const item of input.items ?? []) {
      await q.insertItem(trx, input.responseId, input.question, item.item, item.value, item.num);
    }
    if (input.completes) {
      const completed = await q.completeResponse(trx, input.responseId, at);
      if (completed.numAffectedRows === 1n) {
        await q.enqueueCompletion(trx, input.responseId, input.survey, at);
      }
    }
    return { kind: 'recorded' };
  }
  const response = await q.findResponse(trx, input.responseId, input.survey);
  return response.rows.length === 0 ? { kind: 'unknown-response' } : { kind: 'duplicate' };
}

function countAnswers(
  db: Executor,
  q: RespondentQueries,
  responseId: number,
  survey: string,
): Promise<number | undefined> {
  return q.countAnswers(db, responseId, survey).then(({ rows }) => answerCount(rows[0]?.answered));
}

/** The count of a response's answers; `undefined` when there is no such response (no row). */
function answerCount(value: unknown): number | undefined {
  // PostgreSQL's count is a bigint, which pg hands over as text.
  return value === undefined || value === null ? undefined : Number(value);
}

async function getResponse(
  db: Executor,
  q: RespondentQueries,
  responseId: number,
): Promise<StoredResponse | undefined> {
  const response = (await q.getResponse(db, responseId)).rows[0];
  if (response === undefined) return undefined;
  const answers = await q.getAnswers(db, responseId);
  const items = await q.getItems(db, responseId);
  return toStoredResponse(response, answers.rows, itemsByQuestion(items.rows));
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
  const items = await db
    .selectFrom('answer_items')
    .innerJoin('responses', 'responses.id', 'answer_items.response_id')
    .select([
      'answer_items.response_id',
      'answer_items.question',
      'answer_items.item',
      'answer_items.value',
      'answer_items.num',
    ])
    .where('responses.survey', '=', survey)
    .orderBy('answer_items.response_id')
    .execute();
  const itemsOf = itemsByResponse(items);
  // Map.groupBy needs Node 21; the engines field allows Node 20.
  const byResponse = new Map<number, Selectable<AnswersTable>[]>();
  for (const answer of answers) {
    const list = byResponse.get(answer.response_id);
    if (list === undefined) byResponse.set(answer.response_id, [answer]);
    else list.push(answer);
  }
  return responses.map((response) =>
    toStoredResponse(response, byResponse.get(response.id) ?? [], itemsOf.get(response.id)),
  );
}
