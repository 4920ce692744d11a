import { CompiledQuery } from '../kysely.js';
import type {
  CreateResponseInput,
  RecordAnswerInput,
  RecordOutcome,
  ResponseState,
  StoredResponse,
  SubmitOutcome,
  SubmitPageInput,
} from '../contract.js';
import type { CompletionInput, CountInput, RespondentBatches } from '../engine.js';
import type { Executor } from '../precompiled.js';
import { hiddenColumn, rowNum, toResponseState, toStoredAnswer, withHidden } from '../rows.js';

/** The items of every input as four parallel arrays, each item with its input's `ord` (1-based). */
function itemArrays(inputs: readonly RecordAnswerInput[]): unknown[][] {
  const ord: number[] = [];
  const item: (string | null)[] = [];
  const value: string[] = [];
  const num: (number | null)[] = [];
  inputs.forEach((input, i) => {
    for (const it of input.items ?? []) {
      ord.push(i + 1);
      item.push(it.item);
      value.push(it.value);
      num.push(it.num);
    }
  });
  return [ord, item, value, num];
}

/**
 * Respondents' statements for many respondents at once (decision 0008): each takes its inputs
 * as arrays, one element per respondent, unnested `with ordinality` so every output row names
 * the input it answers. One statement outside a transaction is one transaction: a batch's
 * writes commit together, once, or not at all.
 */

// New ids come from the sequence before the insert, so each input knows its own: an
// INSERT's RETURNING cannot name the input row a generated id belongs to.
const CREATE_RESPONSES = prepared(
  'create_responses',
  `
with input as (
  select nextval(pg_get_serial_sequence('responses', 'id'))::integer as id, t.*
  from unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[])
    with ordinality as t(survey, version_id, started_at, respondent, hidden, lang, ord)
), inserted as (
  insert into responses (id, survey, version_id, started_at, respondent, hidden, lang)
  select id, survey, version_id, started_at, respondent, hidden, lang from input order by ord
)
select id from input order by ord`,
);

// One answer per (response, survey, question) is tried, the first to arrive (`first`): two
// identical POSTs in one batch (a double click) then record once, as they would one after
// the other, and the second is a duplicate. INSERT … SELECT from the response row checks
// "exists and belongs to this survey" in the statement that writes; ON CONFLICT leaves an
// answer already stored (by an earlier statement, or another process) as it is. The last
// answer's completion is in the same statement, so in the same transaction, and so are its
// webhook events (`queued`: one outbox row per enabled endpoint of the survey, webhooks.ts).
// The items of answers that have several values (decision 0013) travel as four more arrays,
// each item naming its input by position (`ord`); only the items of an answer that went in
// are written. A batch without items (every classic answer) runs the statement without them.
function recordAnswersSql(withItems: boolean): string {
  const items = withItems
    ? `, items as (
  insert into answer_items (response_id, version_id, question, item, value, num)
  select i.response_id, i.version_id, i.question, it.item, it.value, it.num
  from unnest($10::integer[], $11::text[], $12::text[], $13::float8[])
    as it(ord, item, value, num)
  join first f on f.ord = it.ord
  join inserted i on i.response_id = f.response_id and i.question = f.question
)`
    : '';
  return `
with input as (
  select * from unnest(
    $1::integer[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::boolean[],
    $8::float8[], $9::text[]
  ) with ordinality
    as t(response_id, survey, question, answer, comment, answered_at, completes, num, other, ord)
), first as (
  select distinct on (response_id, survey, question) *
  from input order by response_id, survey, question, ord
), inserted as (
  insert into answers (response_id, version_id, question, answer, comment, answered_at, num, other)
  select r.id, r.version_id, f.question, f.answer, f.comment, f.answered_at, f.num, f.other
  from first f join responses r on r.id = f.response_id and r.survey = f.survey
  order by f.ord
  on conflict (response_id, question) do nothing
  returning response_id, question, version_id
)${items}, completed as (
  update responses set completed_at = f.answered_at
  from first f join inserted i on i.response_id = f.response_id and i.question = f.question
  where responses.id = f.response_id and responses.survey = f.survey
    and f.completes and responses.completed_at is null
  returning responses.id, responses.survey, responses.completed_at
), queued as (
  insert into webhook_outbox (endpoint_id, type, response_id, survey, created_at, next_attempt_at)
  select e.id, 'response.completed', c.id, c.survey, c.completed_at, c.completed_at
  from completed c
  join webhook_endpoints e on e.disabled_at is null and (e.survey is null or e.survey = c.survey)
  order by c.id, e.id
)
select case
  when r.id is null then 'unknown-response'
  when i.response_id is not null and f.ord = input.ord then 'recorded'
  else 'duplicate'
end as outcome
from input
join first f using (response_id, survey, question)
left join inserted i using (response_id, question)
left join responses r on r.id = input.response_id and r.survey = input.survey
order by input.ord`;
}

const RECORD_ANSWERS = prepared('record_answers', recordAnswersSql(false));
const RECORD_ANSWERS_WITH_ITEMS = prepared('record_answers_items', recordAnswersSql(true));

// null where the response does not exist or belongs to another survey; a correlated count
// over the answers' primary key otherwise.
const COUNT_ANSWERS = prepared(
  'count_answers',
  `
select case when r.id is null then null else (
  select count(*) from answers a where a.response_id = r.id
) end as answered
from unnest($1::integer[], $2::text[]) with ordinality as t(id, survey, ord)
left join responses r on r.id = t.id and r.survey = t.survey
order by t.ord`,
);

// The first completed response of each (survey, browser), or nulls: one probe of the partial
// index of migration 0003 per input, on every begin and last answer (http/respondent.ts).
const FIND_COMPLETIONS = prepared(
  'find_completions',
  `
select c.id, c.version_id
from unnest($1::text[], $2::text[]) with ordinality as t(survey, respondent, ord)
left join lateral (
  select r.id, r.version_id from responses r
  where r.respondent = t.respondent and r.survey = t.survey and r.completed_at is not null
  order by r.id limit 1
) c on true
order by t.ord`,
);

// A response's row once per answer (once with nulls when it has none), so the thank-you page
// is one statement rather than a read of the response and then one of its answers.
const GET_RESPONSES = prepared(
  'get_responses',
  `
select t.ord, r.id, r.survey, r.version_id, r.started_at, r.completed_at, r.hidden, r.lang,
  a.question, a.answer, a.comment, a.answered_at, a.num, a.other,
  (select json_agg(json_build_array(ai.item, ai.value, ai.num))
   from answer_items ai where ai.response_id = a.response_id and ai.question = a.question
  ) as items
from unnest($1::integer[]) with ordinality as t(id, ord)
left join responses r on r.id = t.id
left join answers a on a.response_id = r.id
order by t.ord, a.question`,
);

// A response's state for its path (pages.ts `readResponseState`) in one statement, the answers
// and their items as JSON arrays: one snapshot, one round trip, where the engine-neutral read
// takes three. Items keep the order of their index, as that read gives them (`ctid` is the
// order btree keeps equal keys in).
const READ_STATES = prepared(
  'read_states',
  `
select r.id, r.survey, r.version_id, r.revision, r.completed_at, r.hidden, r.lang,
  (select json_agg(
     json_build_array(a.question, a.answer, a.comment, a.answered_at, a.num, a.other)
     order by a.question)
   from answers a where a.response_id = r.id) as answers,
  (select json_agg(json_build_array(i.question, i.item, i.value, i.num) order by i.question, i.ctid)
   from answer_items i where i.response_id = r.id) as items
from unnest($1::integer[], $2::text[]) with ordinality as t(id, survey, ord)
left join responses r on r.id = t.id and r.survey = t.survey
order by t.ord`,
);

interface StateRow {
  id: number | null;
  survey: string;
  version_id: number | null;
  revision: number;
  completed_at: string | null;
  hidden: string | null;
  lang: string | null;
  answers: [number, string, string | null, string, number | null, string | null][] | null;
  items: [number, string | null, string, number | null][] | null;
}

// Page writes of many respondents in one statement (pages.ts `submitPage` does one in a
// transaction of seven statements): each input's revision bump, then, for the inputs whose
// bump matched, the deletes and inserts of its page. The page's own answers are upserted
// rather than deleted and inserted again: every sub-statement sees the snapshot the statement
// began with, so an insert could not see a delete beside it free the primary key. Items have no
// key, and a delete cannot see the rows inserted beside it. Of two inputs for one response (a
// double click in one batch) only the first is tried; the other is stale, as it would be after
// it. Each input's other arrays name it by position (`ord`, 1-based). A completing page's
// webhook events (`queued`, webhooks.ts) are written by the same statement, so in its transaction.
const SUBMIT_PAGES = prepared(
  'submit_pages',
  `
with input as (
  select * from unnest(
    $1::integer[], $2::text[], $3::integer[], $4::integer[], $5::boolean[], $6::text[]
  ) with ordinality as t(response_id, survey, revision, frontier, completes, at, ord)
), first as (
  select distinct on (response_id) * from input order by response_id, ord
), bumped as (
  update responses r set revision = r.revision + 1, frontier = f.frontier,
    completed_at = case when f.completes then f.at end
  from first f
  where r.id = f.response_id and r.survey = f.survey and r.revision = f.revision
    and r.completed_at is null
  returning r.id, r.revision, r.version_id, r.survey, r.completed_at, f.ord, f.at
), queued as (
  insert into webhook_outbox (endpoint_id, type, response_id, survey, created_at, next_attempt_at)
  select e.id, 'response.completed', b.id, b.survey, b.completed_at, b.completed_at
  from bumped b
  join webhook_endpoints e on e.disabled_at is null and (e.survey is null or e.survey = b.survey)
  where b.completed_at is not null
  order by b.id, e.id
), removed_items as (
  delete from answer_items ai
  using unnest($7::integer[], $8::integer[]) as x(ord, question), bumped b
  where b.ord = x.ord and ai.response_id = b.id and ai.question = x.question
), removed as (
  delete from answers a
  using unnest($9::integer[], $10::integer[]) as x(ord, question), bumped b
  where b.ord = x.ord and a.response_id = b.id and a.question = x.question
), stored as (
  insert into answers (response_id, version_id, question, answer, comment, answered_at, num, other)
  select b.id, b.version_id, x.question, x.answer, x.comment, b.at, x.num, x.other
  from unnest($11::integer[], $12::integer[], $13::text[], $14::text[], $15::float8[], $16::text[])
    as x(ord, question, answer, comment, num, other)
  join bumped b on b.ord = x.ord
  on conflict (response_id, question) do update set version_id = excluded.version_id,
    answer = excluded.answer, comment = excluded.comment, answered_at = excluded.answered_at,
    num = excluded.num, other = excluded.other
), items as (
  insert into answer_items (response_id, version_id, question, item, value, num)
  select b.id, b.version_id, x.question, x.item, x.value, x.num
  from unnest($17::integer[], $18::integer[], $19::text[], $20::text[], $21::float8[])
    as x(ord, question, item, value, num)
  join bumped b on b.ord = x.ord
)
select b.revision, r.id is not null as known
from input i
left join bumped b on b.ord = i.ord
left join responses r on r.id = i.response_id and r.survey = i.survey
order by i.ord`,
);

/** The arrays of `SUBMIT_PAGES` from $7 on: what each input deletes and inserts. */
function pageArrays(inputs: readonly SubmitPageInput[]): unknown[][] {
  const columns = (count: number) => Array.from({ length: count }, (): unknown[] => []);
  const [itemOrd, itemQuestion] = columns(2) as [number[], number[]];
  const [answerOrd, answerQuestion] = columns(2) as [number[], number[]];
  const stored = columns(6);
  const items = columns(5);
  inputs.forEach((input, i) => {
    const ord = i + 1;
    const page = new Set(input.answers.map((a) => a.question));
    // Items of the page's questions go as well: they are inserted anew below.
    for (const question of new Set([...input.remove, ...page])) {
      itemOrd.push(ord);
      itemQuestion.push(question);
    }
    for (const question of new Set(input.remove)) {
      if (page.has(question)) continue;
      answerOrd.push(ord);
      answerQuestion.push(question);
    }
    for (const a of input.answers) {
      const row = [ord, a.question, a.answer, a.comment, rowNum(a), a.other ?? null];
      row.forEach((value, column) => stored[column]?.push(value));
      for (const it of a.items ?? []) {
        const itemRow = [ord, a.question, it.item, it.value, it.num];
        itemRow.forEach((value, column) => items[column]?.push(value));
      }
    }
  });
  return [itemOrd, itemQuestion, answerOrd, answerQuestion, ...stored, ...items];
}

interface ResponseAnswerRow {
  ord: string;
  id: number | null;
  survey: string;
  version_id: number | null;
  started_at: string;
  completed_at: string | null;
  hidden: string | null;
  lang: string | null;
  question: number | null;
  answer: string;
  comment: string | null;
  answered_at: string;
  num: number | null;
  other: string | null;
  items: [string | null, string, number | null][] | null;
}

/**
 * A query pg prepares once per connection, by name: PostgreSQL then parses it once and, after
 * five runs, reuses a generic plan. Planning cost the answers' statement more than running it
 * (0.55 ms against 0.36 ms for five answers, EXPLAIN ANALYZE). Kysely hands a compiled query's
 * `sql` to pg's `Client.query` untouched, and pg takes a query config there as well as text
 * (pg/lib/utils.js, `normalizeQueryConfig`): the name travels in it.
 */
function prepared(name: string, text: string): string {
  return { name: `canvass_${name}`, text } as unknown as string;
}

async function rows<R>(
  db: Executor,
  sql: string,
  parameters: unknown[],
  expected: number,
): Promise<R[]> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(sql, parameters));
  if (result.rows.length !== expected) {
    throw new Error(`a batch of ${expected} gave ${result.rows.length} rows`);
  }
  return result.rows;
}

export const postgresBatches: RespondentBatches = {
  async createResponses(db: Executor, inputs: readonly CreateResponseInput[]) {
    const result = await rows<{ id: number }>(
      db,
      CREATE_RESPONSES,
      [
        inputs.map((i) => i.survey),
        inputs.map((i) => i.versionId),
        inputs.map((i) => i.startedAt.toISOString()),
        inputs.map((i) => i.respondent ?? null),
        inputs.map((i) => hiddenColumn(i.hidden)),
        inputs.map((i) => i.lang ?? null),
      ],
      inputs.length,
    );
    return result.map((row) => row.id);
  },

  async recordAnswers(db: Executor, inputs: readonly RecordAnswerInput[]) {
    const withItems = inputs.some((i) => (i.items?.length ?? 0) > 0);
    const result = await rows<{ outcome: RecordOutcome['kind'] }>(
      db,
      withItems ? RECORD_ANSWERS_WITH_ITEMS : RECORD_ANSWERS,
      [
        inputs.map((i) => i.responseId),
        inputs.map((i) => i.survey),
        inputs.map((i) => i.question),
        inputs.map((i) => i.answer),
        inputs.map((i) => i.comment),
        inputs.map((i) => i.at.toISOString()),
        inputs.map((i) => i.completes),
        inputs.map((i) => rowNum(i)),
        inputs.map((i) => i.other ?? null),
        ...(withItems ? itemArrays(inputs) : []),
      ],
      inputs.length,
    );
    return result.map((row): RecordOutcome => ({ kind: row.outcome }));
  },

  async countAnswers(db: Executor, inputs: readonly CountInput[]) {
    const result = await rows<{ answered: string | null }>(
      db,
      COUNT_ANSWERS,
      [inputs.map((i) => i.responseId), inputs.map((i) => i.survey)],
      inputs.length,
    );
    // count(*) is a bigint, which pg hands over as text.
    return result.map((row) => (row.answered === null ? undefined : Number(row.answered)));
  },

  async findCompletions(db: Executor, inputs: readonly CompletionInput[]) {
    const result = await rows<{ id: number | null; version_id: number | null }>(
      db,
      FIND_COMPLETIONS,
      [inputs.map((i) => i.survey), inputs.map((i) => i.respondent)],
      inputs.length,
    );
    return result.map((row) =>
      row.id === null ? undefined : { responseId: row.id, versionId: row.version_id },
    );
  },

  async readStates(db: Executor, inputs: readonly CountInput[]) {
    const result = await rows<StateRow>(
      db,
      READ_STATES,
      [inputs.map((i) => i.responseId), inputs.map((i) => i.survey)],
      inputs.length,
    );
    return result.map((row): ResponseState | undefined => {
      if (row.id === null) return undefined;
      return toResponseState(
        row as StateRow & { id: number },
        (row.answers ?? []).map(([question, answer, comment, answered_at, num, other]) => ({
          question,
          answer,
          comment,
          answered_at,
          num,
          other,
        })),
        (row.items ?? []).map(([question, item, value, num]) => ({ question, item, value, num })),
      );
    });
  },

  async submitPages(db: Executor, inputs: readonly SubmitPageInput[]) {
    const result = await rows<{ revision: number | null; known: boolean }>(
      db,
      SUBMIT_PAGES,
      [
        inputs.map((i) => i.responseId),
        inputs.map((i) => i.survey),
        inputs.map((i) => i.revision),
        inputs.map((i) => i.frontier),
        inputs.map((i) => i.completes),
        inputs.map((i) => i.at.toISOString()),
        ...pageArrays(inputs),
      ],
      inputs.length,
    );
    return result.map((row): SubmitOutcome =>
      row.revision !== null
        ? { kind: 'recorded', revision: row.revision }
        : row.known
          ? { kind: 'stale' }
          : { kind: 'unknown-response' },
    );
  },

  async getResponses(db: Executor, ids: readonly number[]) {
    const { rows } = await db.executeQuery<ResponseAnswerRow>(
      CompiledQuery.raw(GET_RESPONSES, [ids]),
    );
    const responses = ids.map((): StoredResponse | undefined => undefined);
    for (const row of rows) {
      // `ord` counts from 1 (a bigint, so text).
      const i = Number(row.ord) - 1;
      if (row.id === null) continue;
      const response = (responses[i] ??= withHidden(
        {
          id: row.id,
          survey: row.survey,
          versionId: row.version_id,
          startedAt: row.started_at,
          completedAt: row.completed_at,
          answers: [],
        },
        row.hidden,
      ));
      if (row.lang !== null) response.lang = row.lang;
      if (row.question === null) continue;
      const items = (row.items ?? []).map(([item, value, num]) => ({ item, value, num }));
      response.answers.push(toStoredAnswer(row as typeof row & { question: number }, items));
    }
    return responses;
  },
};
