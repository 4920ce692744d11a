/**
 * Resume links (SURVEYS.md §7): one row per link handed out, keyed by the SHA-256 of its token,
 * so a copy of the database opens no one's response. A link is honoured until it expires; rows
 * past their expiry are deleted when the next link is made, as admin logins are.
 */
import type { Kysely } from 'kysely';
import type { ResumeTokenInput, ResumeTarget } from './contract.js';
import type { Database } from './schema.js';

export async function createResumeToken(
  db: Kysely<Database>,
  input: ResumeTokenInput,
): Promise<void> {
  const now = (input.createdAt ?? new Date()).toISOString();
  await db.transaction().execute(async (trx) => {
    // Links that ran out would otherwise stay forever.
    await trx.deleteFrom('resume_tokens').where('expires_at', '<=', now).execute();
    await trx
      .insertInto('resume_tokens')
      .values({
        hash: input.hash,
        response_id: input.responseId,
        expires_at: input.expiresAt.toISOString(),
      })
      .execute();
  });
}

export async function findResumeToken(
  db: Kysely<Database>,
  hash: string,
  survey: string,
  at: Date,
): Promise<ResumeTarget | undefined> {
  const row = await db
    .selectFrom('resume_tokens as t')
    .innerJoin('responses as r', 'r.id', 't.response_id')
    .select(['r.id', 'r.version_id', 'r.completed_at'])
    .where('t.hash', '=', hash)
    .where('r.survey', '=', survey)
    .where('t.expires_at', '>', at.toISOString())
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { responseId: row.id, versionId: row.version_id, completed: row.completed_at !== null };
}
