import { sql } from '../kysely.js';
import type { Kysely } from 'kysely';

/**
 * Resolves when the server answers and would take a write; rejects otherwise. A server that
 * is down fails to connect; a read-only one (a standby, `default_transaction_read_only`)
 * answers but says so, and is reported as an error too.
 */
export async function probePostgres<DB>(db: Kysely<DB>): Promise<void> {
  const result = await sql<{
    read_only: string;
  }>`select current_setting('transaction_read_only') as read_only`.execute(db);
  if (result.rows[0]?.read_only !== 'off') throw new Error('The database is read-only');
}
