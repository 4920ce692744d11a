import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** How long a health check waits for another process's write lock before saying "no". */
const PROBE_BUSY_TIMEOUT_MS = 1000;

/**
 * Resolves when the database would take a write now; rejects with the driver's error
 * otherwise. `select 1` would not do: SQLite answers it without touching the file, so a
 * locked or read-only database looked healthy. This takes the write lock (BEGIN IMMEDIATE),
 * rewrites `user_version` with its own value (a read-only file refuses that with
 * SQLITE_READONLY) and rolls back, so nothing changes. The wait for a lock held elsewhere is
 * capped at a second, so a health check answers quickly.
 */
export async function probeSqlite<DB>(db: Kysely<DB>): Promise<void> {
  await db.connection().execute(async (connection) => {
    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection);
    const restore = busy.rows[0]?.timeout ?? 0;
    await sql`pragma busy_timeout = ${sql.lit(PROBE_BUSY_TIMEOUT_MS)}`.execute(connection);
    try {
      await sql`begin immediate`.execute(connection);
      try {
        const version = await sql<{ user_version: number }>`pragma user_version`.execute(
          connection,
        );
        const value = version.rows[0]?.user_version ?? 0;
        await sql`pragma user_version = ${sql.lit(value)}`.execute(connection);
      } finally {
        await sql`rollback`.execute(connection);
      }
    } finally {
      await sql`pragma busy_timeout = ${sql.lit(restore)}`.execute(connection);
    }
  });
}
