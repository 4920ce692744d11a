import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Issue 18 item 4, in SQL: the cleaning up of the responses `begin` created that never got an
 * answer, over a partial index of migration 0003. (Who has already completed a survey is a
 * respondent statement: `completedBy` in repository.ts.)
 */

/**
 * Deletes unfinished responses begun before `startedBefore` that have no answer, at most
 * `batch` rows a statement so no statement holds the write lock for long (SQLite has one
 * writer), and returns how many went. `started_at` is ISO-8601 UTC text, so text order is time
 * order. Such a response can only come back as "we could not find your earlier answers"
 * (routes/questions.ts), with nothing lost: it had none.
 */
export async function pruneEmptyResponses(
  db: Kysely<Database>,
  startedBefore: Date,
  batch = 1000,
): Promise<number> {
  const before = startedBefore.toISOString();
  let total = 0;
  for (;;) {
    const result = await db
      .deleteFrom('responses')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('responses as r')
          .select('r.id')
          .where('r.completed_at', 'is', null)
          .where('r.started_at', '<', before)
          .where((inner) =>
            inner.not(
              inner.exists(
                inner
                  .selectFrom('answers')
                  .select('answers.response_id')
                  .whereRef('answers.response_id', '=', 'r.id'),
              ),
            ),
          )
          .orderBy('r.started_at')
          .limit(batch),
      )
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < batch) return total;
  }
}
