import type { Kysely } from 'kysely';
import type { SurveyCap } from './contract.js';
import { precompile, type Executor } from './precompiled.js';
import type { Database } from './schema.js';

/**
 * `maxResponses` (SURVEYS.md §8, docs/decisions/0016). A survey with a cap has one row in
 * `survey_caps` holding its count of completed responses, all versions together. A completing
 * write takes a place with a conditional update, `UPDATE … SET completed = completed + 1 WHERE
 * completed < max`, in the transaction that completes the response: of two writes racing for
 * the last place the second matches no row and writes nothing. On SQLite the writes run one
 * after the other anyway; on PostgreSQL the second UPDATE waits for the first's row lock and,
 * under READ COMMITTED, re-checks its WHERE against the committed count.
 *
 * The row is made by the first completing write that needs it, seeded from a count of the
 * completed responses already stored (INSERT … SELECT count(*) … ON CONFLICT DO NOTHING): a
 * cap added to a survey that has responses counts them. Writes of surveys without a cap never
 * come here, so their path is what it was.
 */
export function capQueries(db: Kysely<Database>) {
  return {
    // The cast gives PostgreSQL a parameter type it cannot infer inside a SELECT list. The
    // WHERE also keeps SQLite from reading ON CONFLICT as a join constraint.
    seed: precompile((survey: string) =>
      db
        .insertInto('survey_caps')
        .columns(['survey', 'completed'])
        .expression((eb) =>
          eb
            .selectFrom('responses')
            .select([
              eb.cast<string>(eb.val(survey), 'text').as('survey'),
              eb.fn.countAll<number>().as('completed'),
            ])
            .where('responses.survey', '=', survey)
            .where('responses.completed_at', 'is not', null),
        )
        .onConflict((oc) => oc.column('survey').doNothing()),
    ),
    take: precompile((survey: string, max: number) =>
      db
        .updateTable('survey_caps')
        .set((eb) => ({ completed: eb('completed', '+', 1) }))
        .where('survey', '=', survey)
        .where('completed', '<', max),
    ),
    giveBack: precompile((survey: string) =>
      db
        .updateTable('survey_caps')
        .set((eb) => ({ completed: eb('completed', '-', 1) }))
        .where('survey', '=', survey),
    ),
    read: precompile((survey: string) =>
      db.selectFrom('survey_caps').select('completed').where('survey', '=', survey),
    ),
    count: precompile((survey: string) =>
      db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('survey', '=', survey)
        .where('completed_at', 'is not', null),
    ),
  };
}

export type CapQueries = ReturnType<typeof capQueries>;

/**
 * Takes one place of `cap` inside the caller's transaction: true when taken, false when every
 * place is (and then nothing was written but, at most, the row's first count).
 */
export async function takePlace(trx: Executor, q: CapQueries, cap: SurveyCap): Promise<boolean> {
  await q.seed(trx, cap.survey);
  const taken = await q.take(trx, cap.survey, cap.max);
  return taken.numAffectedRows === 1n;
}

/** Gives back a place taken in this transaction by a write that then wrote nothing. */
export async function givePlaceBack(trx: Executor, q: CapQueries, cap: SurveyCap): Promise<void> {
  await q.giveBack(trx, cap.survey);
}

/** Whether every place is taken: the kept count, or before there is one, a count of responses. */
export async function isFull(db: Executor, q: CapQueries, cap: SurveyCap): Promise<boolean> {
  const kept = (await q.read(db, cap.survey)).rows[0];
  if (kept !== undefined) return kept.completed >= cap.max;
  // PostgreSQL's count is a bigint, which pg hands over as text.
  const counted = (await q.count(db, cap.survey)).rows[0];
  return Number(counted?.n ?? 0) >= cap.max;
}
