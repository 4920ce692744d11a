import { Migrator, sql } from './kysely.js';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Engine } from './engine.js';

/**
 * The schema's history, in code so the build needs no migration files on disk. Names sort
 * in the order they must run; a migration that has shipped is never edited, only followed.
 * Written with Kysely's schema builder so the same steps run on every engine.
 */
function migrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_responses_and_answers': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('responses')
          .addColumn('id', 'integer', (col) => engine.autoIncrementPrimaryKey(col))
          .addColumn('survey', 'text', (col) => col.notNull())
          .addColumn('started_at', 'text', (col) => col.notNull())
          .addColumn('completed_at', 'text')
          .execute();
        await db.schema
          .createIndex('responses_survey_id')
          .on('responses')
          .columns(['survey', 'id'])
          .execute();
        // The primary key is what makes a repeated POST record once (PRODUCT.md §2).
        await db.schema
          .createTable('answers')
          .addColumn('response_id', 'integer', (col) =>
            col.notNull().references('responses.id').onDelete('cascade'),
          )
          .addColumn('question', 'integer', (col) => col.notNull())
          .addColumn('answer', 'text', (col) => col.notNull())
          .addColumn('comment', 'text')
          .addColumn('answered_at', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('answers_pkey', ['response_id', 'question'])
          .execute();
      },
    },
    '0002_survey_versions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('survey_versions')
          .addColumn('id', 'integer', (col) => engine.autoIncrementPrimaryKey(col))
          .addColumn('survey', 'text', (col) => col.notNull())
          .addColumn('number', 'integer', (col) => col.notNull())
          .addColumn('hash', 'text', (col) => col.notNull())
          .addColumn('definition', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addUniqueConstraint('survey_versions_survey_hash', ['survey', 'hash'])
          .addUniqueConstraint('survey_versions_survey_number', ['survey', 'number'])
          .execute();
        // Nullable: rows from before this migration get a version when their survey first
        // registers one (see versions.ts).
        await db.schema
          .alterTable('responses')
          .addColumn('version_id', 'integer', (col) => col.references('survey_versions.id'))
          .execute();
        await db.schema.alterTable('answers').addColumn('version_id', 'integer').execute();
        // The indexes behind the admin pages: every count is an index scan + GROUP BY.
        await db.schema
          .createIndex('responses_version_id')
          .on('responses')
          .columns(['version_id', 'id'])
          .execute();
        await db.schema
          .createIndex('responses_version_completed')
          .on('responses')
          .columns(['version_id', 'completed_at'])
          .execute();
        await db.schema
          .createIndex('responses_survey_completed')
          .on('responses')
          .columns(['survey', 'completed_at'])
          .execute();
        await db.schema
          .createIndex('answers_version_question_answer')
          .on('answers')
          .columns(['version_id', 'question', 'answer'])
          .execute();
        // Few answers carry a comment: a partial index keeps paging through them cheap.
        await db.schema
          .createIndex('answers_version_comments')
          .on('answers')
          .columns(['version_id', 'response_id', 'question'])
          .where(sql.ref('comment'), 'is not', null)
          .execute();
      },
    },
    // Issue 18 item 4: which browser began each response (http/respondent.ts), so a completed
    // `allowRetake: false` survey stays completed when an older cookie is replayed; and an
    // index that keeps pruning the responses `begin` left empty cheap.
    '0003_respondents': {
      async up(db: Kysely<unknown>) {
        // Nullable: rows from before this migration, and responses begun without a key.
        await db.schema.alterTable('responses').addColumn('respondent', 'text').execute();
        // Only completed rows: "has this browser completed this survey?" is one probe.
        await db.schema
          .createIndex('responses_respondent_completed')
          .on('responses')
          .columns(['respondent', 'survey'])
          .where(sql.ref('completed_at'), 'is not', null)
          .execute();
        // Only unfinished rows: the pruner walks the oldest of them and nothing else.
        await db.schema
          .createIndex('responses_unfinished_started')
          .on('responses')
          .columns(['started_at', 'id'])
          .where(sql.ref('completed_at'), 'is', null)
          .execute();
      },
    },
    // Admin logins that have not been ended (issue 18): an admin request is honoured only while
    // its row exists, so logout revokes the session even when it lives in a cookie.
    '0004_admin_sessions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('admin_sessions')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('expires_at', 'text', (col) => col.notNull())
          .execute();
        await db.schema
          .createIndex('admin_sessions_expires_at')
          .on('admin_sessions')
          .column('expires_at')
          .execute();
      },
    },
    // Issue 14: answers of every question kind (docs/decisions/0013). An answer with one value
    // keeps it in `answers` (plus `num` where results average it, `other` for the Other text);
    // one with several (multi, grid, ranking) puts them in `answer_items`. Today's rows are
    // already in that shape (a format-1 answer is one value), so nothing is copied.
    '0005_answer_values': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('answers').addColumn('num', 'double precision').execute();
        await db.schema.alterTable('answers').addColumn('other', 'text').execute();
        // Means, medians and histograms of one question read one range of this index.
        await db.schema
          .createIndex('answers_version_question_num')
          .on('answers')
          .columns(['version_id', 'question', 'num'])
          .where(sql.ref('num'), 'is not', null)
          .execute();
        await db.schema
          .createTable('answer_items')
          .addColumn('response_id', 'integer', (col) =>
            col.notNull().references('responses.id').onDelete('cascade'),
          )
          .addColumn('version_id', 'integer')
          .addColumn('question', 'integer', (col) => col.notNull())
          .addColumn('item', 'text')
          .addColumn('value', 'text', (col) => col.notNull())
          .addColumn('num', 'double precision')
          .execute();
        // Counts per (question, item, value) for results; one response's items for its pages.
        await db.schema
          .createIndex('answer_items_version_question')
          .on('answer_items')
          .columns(['version_id', 'question', 'item', 'value'])
          .execute();
        await db.schema
          .createIndex('answer_items_response')
          .on('answer_items')
          .columns(['response_id', 'question'])
          .execute();
      },
    },
    // Issue 15: survey paths (SURVEYS.md §4). `revision` counts a response's page writes: a
    // page form carries it, and a write is accepted only while it is still the stored one
    // (`UPDATE … WHERE revision = ?`), so a double click, a re-post or an older tab writes
    // nothing. `frontier` is the page index of the response's frontier as of its last page
    // write; null for responses written answer by answer (`recordAnswer`) and when complete.
    // Existing rows get revision 0 and no frontier, which is what they are: never page-written.
    '0006_response_paths': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('responses')
          .addColumn('revision', 'integer', (col) => col.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('responses').addColumn('frontier', 'integer').execute();
      },
    },
    // Issue 15 item 6: the hidden fields (SURVEYS.md §6) a response began with, as one JSON
    // object of name → value. Nullable: rows from before, and responses begun without any.
    // Written once by `begin` and read with the response: no index until a figure needs one.
    '0007_response_hidden': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('responses').addColumn('hidden', 'text').execute();
      },
    },
    // Resume links (SURVEYS.md §7): the hash of each token handed out, the response it opens
    // and its expiry. Deleting a response (the pruner's empty ones) deletes its links.
    '0008_resume_tokens': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('resume_tokens')
          .addColumn('hash', 'text', (col) => col.primaryKey())
          .addColumn('response_id', 'integer', (col) =>
            col.notNull().references('responses.id').onDelete('cascade'),
          )
          .addColumn('expires_at', 'text', (col) => col.notNull())
          .execute();
        // Pruning the expired links reads one range of this index.
        await db.schema
          .createIndex('resume_tokens_expires_at')
          .on('resume_tokens')
          .column('expires_at')
          .execute();
      },
    },
    // Issue 15 item 8: results of a path survey count a response whose current page holds a
    // question as having been shown it (SURVEYS.md §10). Only rows with a frontier (unfinished
    // path responses) are indexed, so the classic flow's rows cost nothing.
    '0009_response_frontier': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('responses_version_frontier')
          .on('responses')
          .columns(['version_id', 'frontier'])
          .where(sql.ref('frontier'), 'is not', null)
          .execute();
      },
    },
    // Caps (SURVEYS.md §8, docs/decisions/0016): one row per survey with `maxResponses`, its
    // count of completed responses, which a completing write raises only while it is below
    // the cap (`UPDATE … WHERE completed < ?`). Rows are made when first needed, from a count.
    '0010_survey_caps': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('survey_caps')
          .addColumn('survey', 'text', (col) => col.primaryKey())
          .addColumn('completed', 'integer', (col) => col.notNull())
          .execute();
      },
    },
    // Issue 17 item 2: what owners deleted (one response, or every response of a version), kept
    // after the rows themselves are gone. Written in the transaction that deletes; the
    // dashboard reads the latest entries by id, the primary key's order.
    '0011_audit_log': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('audit_log')
          .addColumn('id', 'integer', (col) => engine.autoIncrementPrimaryKey(col))
          .addColumn('at', 'text', (col) => col.notNull())
          .addColumn('action', 'text', (col) => col.notNull())
          .addColumn('survey', 'text', (col) => col.notNull())
          .addColumn('detail', 'text', (col) => col.notNull())
          .execute();
      },
    },
    // Issue 17 item 6: public results links. One row per link handed out, keyed by the SHA-256
    // of its token as resume links are; revoking keeps the row (the list says when), and
    // `texts` says whether the link shows free-text answers (0: left out, the default).
    '0012_public_links': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('public_links')
          .addColumn('hash', 'text', (col) => col.primaryKey())
          .addColumn('survey', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('expires_at', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('texts', 'integer', (col) => col.notNull().defaultTo(0))
          .execute();
        // The results page lists a survey's links, newest first: one range of this index.
        await db.schema
          .createIndex('public_links_survey_created')
          .on('public_links')
          .columns(['survey', 'created_at'])
          .execute();
      },
    },
    // Issue 17 item 4: webhooks (docs/decisions/0018). Endpoints (`survey` null: every survey),
    // the outbox a completing write fills in its own transaction (one row per endpoint), and the
    // log of every attempt. The outbox row is the delivery's state: a worker leases it with a
    // conditional UPDATE (`lease_until`), so two processes never send it at once.
    '0014_webhooks': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('webhook_endpoints')
          .addColumn('id', 'integer', (col) => engine.autoIncrementPrimaryKey(col))
          .addColumn('url', 'text', (col) => col.notNull())
          .addColumn('survey', 'text')
          .addColumn('secret', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('disabled_at', 'text')
          .execute();
        await db.schema
          .createTable('webhook_outbox')
          .addColumn('id', 'integer', (col) => engine.autoIncrementPrimaryKey(col))
          .addColumn('endpoint_id', 'integer', (col) =>
            col.notNull().references('webhook_endpoints.id').onDelete('cascade'),
          )
          .addColumn('type', 'text', (col) => col.notNull())
          // No foreign key: a response deleted before its delivery leaves the row to say so.
          .addColumn('response_id', 'integer')
          .addColumn('survey', 'text')
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
          .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (col) => col.notNull())
          .addColumn('lease_until', 'text')
          .addColumn('lease_owner', 'text')
          .addColumn('done_at', 'text')
          .execute();
        // The head of each endpoint's line (its lowest pending id) and its log, newest first.
        await db.schema
          .createIndex('webhook_outbox_endpoint_status_id')
          .on('webhook_outbox')
          .columns(['endpoint_id', 'status', 'id'])
          .execute();
        await db.schema
          .createTable('webhook_attempts')
          .addColumn('id', 'integer', (col) => engine.autoIncrementPrimaryKey(col))
          .addColumn('outbox_id', 'integer', (col) =>
            col.notNull().references('webhook_outbox.id').onDelete('cascade'),
          )
          .addColumn('at', 'text', (col) => col.notNull())
          .addColumn('status_code', 'integer')
          .addColumn('error', 'text')
          .addColumn('duration_ms', 'integer', (col) => col.notNull())
          .execute();
        await db.schema
          .createIndex('webhook_attempts_outbox')
          .on('webhook_attempts')
          .columns(['outbox_id', 'id'])
          .execute();
      },
    },
    // Issue 17 item 5: API tokens for the read API. Keyed for lookup by the SHA-256 of the
    // token (never the token); `survey` null reads every survey. Revoking keeps the row, so the
    // owner's list says when; `last_used_at` is written at most once a minute per token.
    '0015_api_tokens': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'integer', (col) => engine.autoIncrementPrimaryKey(col))
          .addColumn('hash', 'text', (col) => col.notNull().unique())
          .addColumn('name', 'text', (col) => col.notNull())
          .addColumn('survey', 'text')
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
      },
    },
    // Issue 17 item 1 and issue 14's speed (docs/decisions/0021-explore.md). Narrowed results
    // (a filter, `completed=1`, a date range, a cross-tab's groups) probe each counted row's
    // response id against a set: with `response_id` at the end of the indexes results read,
    // neither the rows counted nor the sets touch the table (one table read per row was most
    // of a narrowed page's time at 100,000 responses). Replaced, not added beside: a write
    // keeps updating as many indexes as before. Then the start times the date range reads,
    // and the hidden fields (SURVEYS.md §6) as rows over an index, kept in step with
    // `responses.hidden` by a trigger, so filters and cross-tabs by them stay SQL aggregates.
    '0016_results_explore': {
      async up(db: Kysely<unknown>) {
        const replace = async (
          old: string,
          name: string,
          table: string,
          columns: string[],
          numbersOnly = false,
        ) => {
          await db.schema.dropIndex(old).ifExists().execute();
          const index = db.schema.createIndex(name).ifNotExists().on(table).columns(columns);
          await (numbersOnly ? index.where(sql.ref('num'), 'is not', null) : index).execute();
        };
        await replace('answers_version_question_answer', 'answers_results_answer', 'answers', [
          'version_id',
          'question',
          'answer',
          'response_id',
        ]);
        await replace(
          'answers_version_question_num',
          'answers_results_num',
          'answers',
          ['version_id', 'question', 'num', 'response_id'],
          true,
        );
        await replace('answer_items_version_question', 'answer_items_results', 'answer_items', [
          'version_id',
          'question',
          'item',
          'value',
          'response_id',
        ]);
        await db.schema
          .createIndex('responses_version_started')
          .ifNotExists()
          .on('responses')
          .columns(['version_id', 'started_at'])
          .execute();
        await db.schema
          .createTable('response_hidden')
          .ifNotExists()
          .addColumn('response_id', 'integer', (col) =>
            col.notNull().references('responses.id').onDelete('cascade'),
          )
          .addColumn('version_id', 'integer')
          .addColumn('name', 'text', (col) => col.notNull())
          .addColumn('value', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('response_hidden_pkey', ['response_id', 'name'])
          .execute();
        await db.schema
          .createIndex('response_hidden_results')
          .ifNotExists()
          .on('response_hidden')
          .columns(['version_id', 'name', 'value', 'response_id'])
          .execute();
        await engine.keepHiddenRows(db);
      },
    },
    // Issue 16 item 1 (SURVEYS.md §5, docs/decisions/0017): the language a response began in,
    // for surveys with `languages`. Nullable: rows from before, and surveys without languages.
    '0017_response_lang': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('responses').addColumn('lang', 'text').execute();
      },
    },
    // Results at 100,000 responses (docs/decisions/0024-results-at-scale.md): the aggregates
    // that still read the table once per counted row. Other texts are few, but counting them
    // (and the answers that are only an Other text) tested `other` on every row of the
    // question: a partial index of the rows that have one answers both from the index. The
    // items' sums (grid values, ranks) read `num` from the table: it joins the items' index,
    // replaced rather than added beside, so a write updates as many indexes as before.
    '0018_results_at_scale': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('answers_results_other')
          .ifNotExists()
          .on('answers')
          .columns(['version_id', 'question', 'answer', 'response_id'])
          .where(sql.ref('other'), 'is not', null)
          .execute();
        await db.schema.dropIndex('answer_items_results').ifExists().execute();
        await db.schema
          .createIndex('answer_items_results_num')
          .ifNotExists()
          .on('answer_items')
          .columns(['version_id', 'question', 'item', 'value', 'response_id', 'num'])
          .execute();
      },
    },
    // The "answered" of multi, grid and ranking (docs/decisions/0027-answered-items.md): an
    // answer whose values are items keeps how many in its own row's `num` (rows.ts `rowNum`),
    // so results count those answered from one range of answers_results_num instead of probing
    // the items of every row. Rows written before get their count here.
    '0019_answered_items': {
      async up(db: Kysely<unknown>) {
        await sql`update answers set num = (
            select count(*) from answer_items i
            where i.response_id = answers.response_id and i.question = answers.question)
          where answer = '' and num is null and exists (
            select 1 from answer_items i
            where i.response_id = answers.response_id and i.question = answers.question)`.execute(
          db,
        );
      },
    },
  };
}

/**
 * Brings the schema up to date in one transaction that holds the engine's cross-process lock,
 * and rethrows the first failure (Kysely reports it as a value). Kysely's own lock is
 * in-process on SQLite and its bookkeeping tables are created outside it, so processes
 * starting at once on a new database (`--workers`, several instances) both ran 0001 and one
 * failed with "table already exists"; now the second waits, then finds nothing to do.
 */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(engine)) };
  // The usual case reads only, so opening an up-to-date database never waits for a lock.
  const known = await new Migrator({ db, provider }).getMigrations();
  if (known.every((migration) => migration.executedAt !== undefined)) return;
  await db.connection().execute(async (connection) => {
    await engine.beginMigration(connection);
    try {
      const migrator = new Migrator({ db: connection, provider, disableTransactions: true });
      const { error } = await migrator.migrateToLatest();
      if (error !== undefined) {
        throw error instanceof Error ? error : new Error('Migration failed', { cause: error });
      }
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
    await sql`commit`.execute(connection);
  });
}
