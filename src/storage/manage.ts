/**
 * Owners managing responses (issue 17 item 2): the paged list, deleting one response or every
 * response of a version, and the audit log that records each deletion. A deletion and its audit
 * entry share one transaction, so the log never claims a deletion that did not happen nor misses
 * one that did. Answers, answer items and resume links go with their response by the foreign
 * keys' ON DELETE CASCADE (migrations 0001, 0005, 0008); nothing else is touched but the
 * survey's cap count (caps.ts), which gives back the places of the completed responses deleted.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  type ClearVersionInput,
  type DeleteResponseInput,
  type ResponseLine,
} from './contract.js';
import type { Database } from './schema.js';

export async function listResponseLines(
  db: Kysely<Database>,
  survey: string,
  page: { before?: number; limit: number },
): Promise<ResponseLine[]> {
  let query = db
    .selectFrom('responses')
    .select(['id', 'version_id', 'started_at', 'completed_at', 'lang'])
    .where('survey', '=', survey);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    versionId: row.version_id,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    lang: row.lang,
  }));
}

export async function deleteResponse(
  db: Kysely<Database>,
  input: DeleteResponseInput,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('responses')
      .where('id', '=', input.responseId)
      .where('survey', '=', input.survey)
      .returning('completed_at')
      .executeTakeFirst();
    if (row === undefined) return false;
    await giveBackPlaces(trx, input.survey, row.completed_at === null ? 0 : 1);
    await recordAudit(trx, input.at, 'response-deleted', input.survey, input.detail);
    return true;
  });
}

export async function clearVersion(
  db: Kysely<Database>,
  input: ClearVersionInput,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // RETURNING one narrow column a row: the count of completed ones comes from the same
    // statement that deletes, so no response can complete between a count and the delete.
    const rows = await trx
      .deleteFrom('responses')
      .where('version_id', '=', input.versionId)
      .where('survey', '=', input.survey)
      .returning('completed_at')
      .execute();
    const completed = rows.filter((row) => row.completed_at !== null).length;
    await giveBackPlaces(trx, input.survey, completed);
    await recordAudit(trx, input.at, 'version-cleared', input.survey, input.detail(rows.length));
    return rows.length;
  });
}

export async function listAudit(db: Kysely<Database>, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((row) => (isAuditAction(row.action) ? [{ ...row, action: row.action }] : []));
}

function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/**
 * A deleted completed response no longer holds a place of `maxResponses` (SURVEYS.md §8): the
 * count a survey's completing writes keep (caps.ts) goes down with it. A survey without a row
 * (no cap, or none taken yet) has nothing to give back; its row is seeded from a count later.
 */
async function giveBackPlaces(
  trx: Transaction<Database>,
  survey: string,
  completed: number,
): Promise<void> {
  if (completed === 0) return;
  await trx
    .updateTable('survey_caps')
    .set((eb) => ({ completed: eb('completed', '-', completed) }))
    .where('survey', '=', survey)
    .execute();
}

/** Records one audit entry in `trx`, the transaction of what it records. */
export async function recordAudit(
  trx: Transaction<Database>,
  at: Date,
  action: AuditAction,
  survey: string,
  detail: string,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({ at: at.toISOString(), action, survey, detail })
    .execute();
}
