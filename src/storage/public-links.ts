/**
 * Public results links (issue 17 item 6): one row per link handed out, keyed by the SHA-256 of
 * its token as resume links are (resume-tokens.ts), so a copy of the database opens no results
 * page. A revoked link keeps its row, so the owner's list can say when it was revoked.
 */
import type { Kysely, Selectable } from 'kysely';
import { sql } from './kysely.js';
import type { PublicLink, PublicLinkInput } from './contract.js';
import type { Database, PublicLinksTable } from './schema.js';

export async function createPublicLink(
  db: Kysely<Database>,
  input: PublicLinkInput,
): Promise<void> {
  await db
    .insertInto('public_links')
    .values({
      hash: input.hash,
      survey: input.survey,
      created_at: input.createdAt.toISOString(),
      expires_at: input.expiresAt?.toISOString() ?? null,
      texts: input.texts ? 1 : 0,
    })
    .execute();
}

/** The link `hash` opens at `at`: neither revoked nor expired; else undefined. */
export async function findPublicLink(
  db: Kysely<Database>,
  hash: string,
  at: Date,
): Promise<PublicLink | undefined> {
  const now = at.toISOString();
  const row = await db
    .selectFrom('public_links')
    .selectAll()
    .where('hash', '=', hash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row === undefined ? undefined : toPublicLink(row);
}

/** Every link of `survey`, newest first, revoked and expired ones included. */
export async function listPublicLinks(db: Kysely<Database>, survey: string): Promise<PublicLink[]> {
  const rows = await db
    .selectFrom('public_links')
    .selectAll()
    .where('survey', '=', survey)
    .orderBy('created_at', 'desc')
    .orderBy('hash')
    .execute();
  return rows.map(toPublicLink);
}

/**
 * Revokes the link `hash` of `survey` at `at` (a link already revoked keeps its first date);
 * false when `survey` has no such link.
 */
export async function revokePublicLink(
  db: Kysely<Database>,
  survey: string,
  hash: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('public_links')
    .set({ revoked_at: sql<string>`coalesce(revoked_at, ${at.toISOString()})` })
    .where('hash', '=', hash)
    .where('survey', '=', survey)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

function toPublicLink(row: Selectable<PublicLinksTable>): PublicLink {
  return {
    hash: row.hash,
    survey: row.survey,
    createdAt: new Date(row.created_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    texts: row.texts === 1,
  };
}
