import type { Kysely, Selectable } from 'kysely';
import type { RegisterVersionInput, StoredVersion, VersionSummary } from './contract.js';
import { completedOf, startedOf } from './results.js';
import type { Database, SurveyVersionsTable } from './schema.js';

/**
 * Survey versions: one row per distinct definition of a survey, keyed by its content hash.
 * Several processes may start at once with the same files, so registering is idempotent and
 * tolerates losing a race (the unique constraints decide; the loser reads the winner's row).
 */
export async function registerVersion(
  db: Kysely<Database>,
  input: RegisterVersionInput,
): Promise<StoredVersion> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await findByHash(db, input.survey, input.hash);
    if (existing !== undefined) return existing;
    const last = await db
      .selectFrom('survey_versions')
      .select((eb) => eb.fn.max<number | null>('number').as('number'))
      .where('survey', '=', input.survey)
      .executeTakeFirst();
    const previous = last?.number ?? 0;
    const inserted = await db
      .insertInto('survey_versions')
      .values({
        survey: input.survey,
        number: previous + 1,
        hash: input.hash,
        definition: input.definition,
        created_at: input.at.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted === undefined) continue; // another process took this hash or number first
    if (previous === 0) await adoptLegacyResponses(db, input.survey, inserted.id);
    return toStoredVersion(inserted);
  }
  throw new Error(`Could not register a version of survey "${input.survey}" after 5 attempts`);
}

/**
 * Responses stored before versions existed were collected under the definition in effect
 * when versions arrived: the survey's first version.
 */
async function adoptLegacyResponses(db: Kysely<Database>, survey: string, versionId: number) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('responses')
      .set({ version_id: versionId })
      .where('survey', '=', survey)
      .where('version_id', 'is', null)
      .execute();
    await trx
      .updateTable('answers')
      .set({ version_id: versionId })
      .where('version_id', 'is', null)
      .where('response_id', 'in', (eb) =>
        eb.selectFrom('responses').select('id').where('survey', '=', survey),
      )
      .execute();
  });
}

async function findByHash(db: Kysely<Database>, survey: string, hash: string) {
  const row = await db
    .selectFrom('survey_versions')
    .selectAll()
    .where('survey', '=', survey)
    .where('hash', '=', hash)
    .executeTakeFirst();
  return row === undefined ? undefined : toStoredVersion(row);
}

export async function getVersion(
  db: Kysely<Database>,
  versionId: number,
): Promise<StoredVersion | undefined> {
  const row = await db
    .selectFrom('survey_versions')
    .selectAll()
    .where('id', '=', versionId)
    .executeTakeFirst();
  return row === undefined ? undefined : toStoredVersion(row);
}

export async function listVersions(
  db: Kysely<Database>,
  survey: string,
): Promise<VersionSummary[]> {
  // Started means answered something, as on the dashboard (results.ts); two index counts a
  // version, whatever the number of responses.
  const rows = await db
    .selectFrom('survey_versions as v')
    .selectAll('v')
    .select([startedOf('v.id').as('started'), completedOf('v.id').as('completed')])
    .where('v.survey', '=', survey)
    .orderBy('v.number', 'desc')
    .execute();
  // COUNT is a bigint on PostgreSQL, which pg hands over as a string.
  return rows.map((row) => ({
    ...toStoredVersion(row),
    started: Number(row.started),
    completed: Number(row.completed),
  }));
}

function toStoredVersion(row: Selectable<SurveyVersionsTable>): StoredVersion {
  return {
    id: row.id,
    survey: row.survey,
    number: row.number,
    hash: row.hash,
    definition: row.definition,
    createdAt: row.created_at,
  };
}
