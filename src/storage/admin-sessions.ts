/**
 * Admin logins (issue 18): one row per login not yet ended. Logout deletes the row, so a copied
 * or replayed cookie stops opening `/admin` even though a cookie session cannot be recalled.
 * Only admin requests read the table; respondents' pages never touch it.
 */
import type { Kysely } from 'kysely';
import type { AdminSessionInput } from './contract.js';
import type { Database } from './schema.js';

export async function createAdminSession(
  db: Kysely<Database>,
  input: AdminSessionInput,
): Promise<void> {
  const createdAt = input.createdAt.toISOString();
  await db.transaction().execute(async (trx) => {
    // Logins that ran out without a logout would otherwise stay forever.
    await trx.deleteFrom('admin_sessions').where('expires_at', '<=', createdAt).execute();
    await trx
      .insertInto('admin_sessions')
      .values({ id: input.id, created_at: createdAt, expires_at: input.expiresAt.toISOString() })
      .execute();
  });
}

export async function isAdminSessionActive(
  db: Kysely<Database>,
  id: string,
  at: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('admin_sessions')
    .select('id')
    .where('id', '=', id)
    .where('expires_at', '>', at.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

export async function endAdminSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('id', '=', id).execute();
}
