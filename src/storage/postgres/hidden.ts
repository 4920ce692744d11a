import type { Kysely } from 'kysely';
import { sql } from '../kysely.js';

/**
 * `Engine.keepHiddenRows` on PostgreSQL: a row trigger that copies a new response's hidden
 * fields (JSON text, SURVEYS.md §6) into `response_hidden`, one row a name — the batched
 * inserts of postgres/batches.ts fire it per row too — and the same copy of the responses
 * stored before. `begin` writes the column once and never updates it.
 */
export async function keepHiddenRows(db: Kysely<unknown>): Promise<void> {
  await sql`create or replace function responses_hidden_rows() returns trigger
    language plpgsql as $$
    begin
      insert into response_hidden (response_id, version_id, name, value)
      select new.id, new.version_id, j.key, j.value from json_each_text(new.hidden::json) j;
      return null;
    end $$`.execute(db);
  await sql`drop trigger if exists responses_hidden_rows on responses`.execute(db);
  await sql`create trigger responses_hidden_rows after insert on responses
    for each row when (new.hidden is not null) execute function responses_hidden_rows()`.execute(
    db,
  );
  await sql`insert into response_hidden (response_id, version_id, name, value)
    select r.id, r.version_id, j.key, j.value
    from responses r, json_each_text(r.hidden::json) j where r.hidden is not null
    on conflict do nothing`.execute(db);
}
