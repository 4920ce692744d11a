import type { Kysely } from 'kysely';
import { sql } from '../kysely.js';

/**
 * `Engine.keepHiddenRows` on SQLite: a trigger that copies a new response's hidden fields (a
 * JSON object, SURVEYS.md §6) into `response_hidden`, one row a name, and the same copy of the
 * responses stored before. `begin` writes the column once and never updates it.
 */
export async function keepHiddenRows(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger if not exists responses_hidden_rows after insert on responses
    when new.hidden is not null
    begin
      insert into response_hidden (response_id, version_id, name, value)
      select new.id, new.version_id, j.key, j.value from json_each(new.hidden) j;
    end`.execute(db);
  await sql`insert or ignore into response_hidden (response_id, version_id, name, value)
    select r.id, r.version_id, j.key, j.value
    from responses r, json_each(r.hidden) j where r.hidden is not null`.execute(db);
}
