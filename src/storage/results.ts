import type { Kysely, RawBuilder } from 'kysely';
import { sql } from './kysely.js';
import type { ChoiceCount, QuestionSlice, StoredComment, SurveyCounts } from './contract.js';
import type { Database } from './schema.js';

/**
 * How many responses of a version have started: answered something (issue 18 item 4), so the
 * empty rows a burst of `begin`s leaves behind count for nothing. Answers are stored in order
 * from the first question (http/resync.ts relies on it too), so that is the number of answers
 * to question 0: a count over one range of answers_version_question_answer. A probe of every
 * response's answers instead took 210 ms for 100,000 responses, all of it blocking on SQLite.
 */
export function startedOf(versionId: string): RawBuilder<number | string> {
  return sql`(select count(*) from answers where answers.version_id = ${sql.ref(versionId)} and answers.question = 0)`;
}

/** How many responses of a version are complete: a count over responses_version_completed. */
export function completedOf(versionId: string): RawBuilder<number | string> {
  return sql`(select count(*) from responses where responses.version_id = ${sql.ref(versionId)} and responses.completed_at is not null)`;
}

/**
 * The admin pages' aggregates. Every figure is computed by the database with GROUP BY over
 * an index (migration 0002): no response is ever loaded into JavaScript to be counted, so the
 * pages stay fast however many responses pile up. COUNT is a bigint on PostgreSQL, which pg
 * hands over as a string, hence the `Number`s.
 */
export async function surveyCounts(db: Kysely<Database>): Promise<SurveyCounts[]> {
  // Per version (two index counts each), then added up per survey.
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('survey_versions as v')
        .select(['v.survey', startedOf('v.id').as('started'), completedOf('v.id').as('completed')])
        .as('t'),
    )
    .select((eb) => [
      't.survey',
      eb.fn.sum<number | string>('t.started').as('started'),
      eb.fn.sum<number | string>('t.completed').as('completed'),
    ])
    .groupBy('t.survey')
    .orderBy('t.survey')
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
