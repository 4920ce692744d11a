import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ChoiceCount, QuestionSlice, StoredComment, SurveyCounts } from './contract.js';
import type { Database } from './schema.js';

/**
 * 1 for a response with at least one answer, else null, for `count(…)`: "started" means
 * answered something (issue 18 item 4), so the empty rows a burst of `begin`s leaves behind
 * count for nothing. A probe of the answers' primary key per response.
 */
export function answeredMarker(responseId: string): RawBuilder<number | null> {
  return sql<
    number | null
  >`case when exists (select 1 from answers where answers.response_id = ${sql.ref(responseId)}) then 1 end`;
}

/**
 * The admin pages' aggregates. Every figure is computed by the database with GROUP BY over
 * an index (migration 0002): no response is ever loaded into JavaScript to be counted, so the
 * pages stay fast however many responses pile up. COUNT is a bigint on PostgreSQL, which pg
 * hands over as a string, hence the `Number`s.
 */
export async function surveyCounts(db: Kysely<Database>): Promise<SurveyCounts[]> {
  const rows = await db
    .selectFrom('responses')
    .select((eb) => [
      'survey',
      eb.fn.count(answeredMarker('responses.id')).as('started'),
      eb.fn.count('completed_at').as('completed'),
    ])
    .groupBy('survey')
    .orderBy('survey')
    .execute();
  return rows.map((row) => ({
    survey: row.survey,
    started: Number(row.started),
    completed: Number(row.completed),
  }));
}

/** Per question and choice of one version: how many answers gave that choice. */
export async function choiceCounts(
  db: Kysely<Database>,
  versionId: number,
  questions?: QuestionSlice,
): Promise<ChoiceCount[]> {
  const rows = await db
    .selectFrom('answers')
    .select((eb) => ['question', 'answer', eb.fn.countAll().as('count')])
    .where('version_id', '=', versionId)
    // A range of the index's second column: the page's questions only.
    .$if(questions !== undefined, (qb) =>
      qb.where('question', '>=', questions?.from ?? 0).where('question', '<', questions?.to ?? 0),
    )
    .groupBy(['question', 'answer'])
    .orderBy('question')
    .orderBy('answer')
    .execute();
  return rows.map((row) => ({
    question: row.question,
    answer: row.answer,
    count: Number(row.count),
  }));
}

export async function listComments(
  db: Kysely<Database>,
  versionId: number,
  page: { limit: number; offset: number },
): Promise<StoredComment[]> {
  const rows = await db
    .selectFrom('answers')
    .select(['response_id', 'question', 'answer', 'comment'])
    .where('version_id', '=', versionId)
    .where('comment', 'is not', null)
    .orderBy('response_id')
    .orderBy('question')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({
    responseId: row.response_id,
    question: row.question,
    answer: row.answer,
    comment: row.comment ?? '',
  }));
}
