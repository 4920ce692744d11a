import { sql } from '../kysely.js';
import type { Kysely } from 'kysely';

/**
 * Resolves when the database would take a write now; rejects with the driver's error
 * otherwise. `select 1` would not do: SQLite answers it without touching the file, so a
 * locked or read-only database looked healthy. This takes the write lock (BEGIN IMMEDIATE),
 * rewrites `user_version` with its own value (a read-only file refuses that with
 * SQLITE_READONLY) and rolls back, so nothing changes. A lock held elsewhere is waited for
 * as every statement waits for it (retry.ts): about a second, without blocking the event loop.
 */
export async function probeSqlite<DB>(db: Kysely<DB>): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const version = await sql<{ user_version: number }>`pragma user_version`.execute(connection);
      const value = version.rows[0]?.user_version ?? 0;
      await sql`pragma user_version = ${sql.lit(value)}`.execute(connection);
    } finally {
      await sql`rollback`.execute(connection);
    }
  });
}
