/**
 * API tokens (issue 17 item 5): one row per token handed out, found by the SHA-256 of the token
 * as resume and public links are, so a copy of the database opens no API. Making and revoking a
 * token are owner actions the audit log records, in the same transaction as the row itself. A
 * revoked token keeps its row, so the owner's list can say when it was revoked.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ApiToken, ApiTokenInput, RevokeApiTokenInput } from './contract.js';
import { recordAudit } from './manage.js';
import type { ApiTokensTable, Database } from './schema.js';

/** What the audit log's survey column holds for a token that reads every survey. */
export const ALL_SURVEYS = '';

export async function createApiToken(db: Kysely<Database>, input: ApiTokenInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('api_tokens')
      .values({
        hash: input.hash,
        name: input.name,
        survey: input.survey,
        created_at: input.createdAt.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const survey = input.survey ?? ALL_SURVEYS;
    await recordAudit(trx, input.createdAt, 'token-created', survey, input.detail(id));
    return id;
  });
}

export async function findApiToken(
  db: Kysely<Database>,
  hash: string,
): Promise<ApiToken | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select(COLUMNS)
    .where('hash', '=', hash)
    .executeTakeFirst();
  return row === undefined ? undefined : toApiToken(row);
}

export async function listApiTokens(db: Kysely<Database>): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').select(COLUMNS).orderBy('id', 'desc').execute();
  return rows.map(toApiToken);
}

export async function revokeApiToken(
  db: Kysely<Database>,
  input: RevokeApiTokenInput,
): Promise<ApiToken | undefined> {
  return db.transaction().execute(async (trx) => {
    // Only a token not yet revoked: a second revoke (a re-sent form) writes no second entry.
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: input.at.toISOString() })
      .where('id', '=', input.id)
      .where('revoked_at', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const token = toApiToken(row);
    await recordAudit(
      trx,
      input.at,
      'token-revoked',
      token.survey ?? ALL_SURVEYS,
      input.detail(token),
    );
    return token;
  });
}

/**
 * Sets "last used" unless it is already as late: concurrent requests of one token cannot move
 * it back. The caller writes at most once a minute per token (http/routes/api/auth.ts).
 */
export async function touchApiToken(db: Kysely<Database>, id: number, at: Date): Promise<void> {
  const now = at.toISOString();
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now)]))
    .execute();
}

/** Every column but the hash, which is only ever compared, never read back. */
const COLUMNS = ['id', 'name', 'survey', 'created_at', 'last_used_at', 'revoked_at'] as const;

function toApiToken(row: Pick<Selectable<ApiTokensTable>, (typeof COLUMNS)[number]>): ApiToken {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    name: row.name,
    survey: row.survey,
    createdAt: new Date(row.created_at),
    lastUsedAt: date(row.last_used_at),
    revokedAt: date(row.revoked_at),
  };
}
