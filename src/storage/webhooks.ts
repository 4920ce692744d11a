/**
 * Webhooks (issue 17 item 4, docs/decisions/0018), engine-neutral. The outbox row is written by
 * the completing write itself, in its transaction ({@link enqueueCompletion}): a response is
 * never complete without its events, nor an event sent for a write that rolled back.
 *
 * A worker leases a delivery with a conditional UPDATE (`lease_until` in the past or null, still
 * pending): on SQLite writes run one at a time; on PostgreSQL the second of two racing UPDATEs
 * waits for the first's row lock and, under READ COMMITTED, re-checks its WHERE against the
 * committed row, whose lease is then taken. A lease rather than `FOR UPDATE SKIP LOCKED`
 * because the delivery happens outside any transaction: an HTTP call of up to the timeout
 * should hold no row lock and no pooled connection.
 */
import type { Kysely, Selectable } from 'kysely';
import { sql } from './kysely.js';
import type {
  ClaimedDelivery,
  ClaimInput,
  DeliveryStatus,
  RetryOutcome,
  SettleInput,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEventType,
  WebhookStorage,
} from './contract.js';
import { precompile } from './precompiled.js';
import type { Database, WebhookEndpointsTable } from './schema.js';

/**
 * The completing write's INSERT … SELECT: one `response.completed` row per enabled endpoint of
 * the survey (or of every survey). Compiled once; the endpoints table is a handful of rows.
 * Values: response id, survey, the completion time.
 */
export function enqueueCompletion(db: Kysely<Database>) {
  return precompile((responseId: number, survey: string, at: string) =>
    db
      .insertInto('webhook_outbox')
      .columns(['endpoint_id', 'type', 'response_id', 'survey', 'created_at', 'next_attempt_at'])
      .expression((eb) =>
        eb
          .selectFrom('webhook_endpoints')
          .select([
            'webhook_endpoints.id',
            eb.cast<string>(eb.val('response.completed'), 'text').as('type'),
            eb.cast<number>(eb.val(responseId), 'integer').as('response_id'),
            eb.cast<string>(eb.val(survey), 'text').as('survey'),
            eb.cast<string>(eb.val(at), 'text').as('created_at'),
            eb.cast<string>(eb.val(at), 'text').as('next_attempt_at'),
          ])
          .where('webhook_endpoints.disabled_at', 'is', null)
          .where((w) =>
            w.or([
              w('webhook_endpoints.survey', 'is', null),
              w('webhook_endpoints.survey', '=', survey),
            ]),
          ),
      ),
  );
}

/** The webhook methods of `Storage`, unguarded (the repository turns outages into 503s). */
export function webhookStorage(db: Kysely<Database>): WebhookStorage {
  return {
    async createWebhookEndpoint(input: WebhookEndpointInput) {
      const row = await db
        .insertInto('webhook_endpoints')
        .values({
          url: input.url,
          survey: input.survey,
          secret: input.secret,
          created_at: input.createdAt.toISOString(),
          disabled_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async listWebhookEndpoints() {
      const rows = await db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
      return rows.map(toEndpoint);
    },
    async getWebhookEndpoint(id: number) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : toEndpoint(row);
    },
    async setWebhookEndpointDisabled(id: number, at: Date | null) {
      const result = await db
        .updateTable('webhook_endpoints')
        .set({ disabled_at: at === null ? null : at.toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async deleteWebhookEndpoint(id: number) {
      // The outbox and its log go by ON DELETE CASCADE (migration 0014).
      const result = await db
        .deleteFrom('webhook_endpoints')
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async enqueueWebhookTest(endpointId: number, at: Date) {
      const when = at.toISOString();
      const result = await db
        .insertInto('webhook_outbox')
        .columns(['endpoint_id', 'type', 'survey', 'created_at', 'next_attempt_at'])
        .expression((eb) =>
          eb
            .selectFrom('webhook_endpoints')
            .select([
              'id',
              eb.cast<string>(eb.val('webhook.test'), 'text').as('type'),
              'survey',
              eb.cast<string>(eb.val(when), 'text').as('created_at'),
              eb.cast<string>(eb.val(when), 'text').as('next_attempt_at'),
            ])
            .where('id', '=', endpointId),
        )
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
    async retryWebhookDelivery(
      endpointId: number,
      deliveryId: number,
      at: Date,
    ): Promise<RetryOutcome> {
      const now = at.toISOString();
      const result = await db
        .updateTable('webhook_outbox')
        .set({ status: 'pending', next_attempt_at: now, done_at: null })
        .where('id', '=', deliveryId)
        .where('endpoint_id', '=', endpointId)
        .where('status', 'in', ['pending', 'failed'])
        // Not while a worker holds it: its settling would overwrite this.
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) return 'queued';
      const exists = await db
        .selectFrom('webhook_outbox')
        .select('id')
        .where('id', '=', deliveryId)
        .where('endpoint_id', '=', endpointId)
        .executeTakeFirst();
      return exists === undefined ? 'none' : 'not-retryable';
    },
    listWebhookDeliveries: (endpointId, limit) => listDeliveries(db, endpointId, limit),
    claimWebhookDeliveries: (input) => claim(db, input),
    settleWebhookDelivery: (input) => settle(db, input),
  };
}

async function listDeliveries(
  db: Kysely<Database>,
  endpointId: number,
  limit: number,
): Promise<WebhookDelivery[]> {
  const rows = await db
    .selectFrom('webhook_outbox')
    .select([
      'id',
      'type',
      'response_id',
      'created_at',
      'status',
      'attempts',
      'next_attempt_at',
      'done_at',
    ])
    .where('endpoint_id', '=', endpointId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const attempts = await db
    .selectFrom('webhook_attempts')
    .select(['outbox_id', 'at', 'status_code', 'error', 'duration_ms'])
    .where(
      'outbox_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('outbox_id')
    .orderBy('id')
    .execute();
  const logs = new Map<number, WebhookAttempt[]>();
  for (const a of attempts) {
    const attempt = {
      at: a.at,
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
    };
    const log = logs.get(a.outbox_id);
    if (log === undefined) logs.set(a.outbox_id, [attempt]);
    else log.push(attempt);
  }
  return rows.map((row) => ({
    id: row.id,
    type: row.type as WebhookEventType,
    responseId: row.response_id,
    createdAt: row.created_at,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    doneAt: row.done_at,
    log: logs.get(row.id) ?? [],
  }));
}

/**
 * The head of each enabled endpoint's line that is due and free, then a conditional UPDATE per
 * head: only the worker whose UPDATE matched holds it. A head is the endpoint's lowest pending
 * id (the index of migration 0014), so a later event never overtakes one still being retried.
 */
async function claim(db: Kysely<Database>, input: ClaimInput): Promise<ClaimedDelivery[]> {
  const now = input.at.toISOString();
  const heads = await db
    .selectFrom('webhook_outbox as o')
    .innerJoin('webhook_endpoints as e', 'e.id', 'o.endpoint_id')
    .select([
      'o.id',
      'o.endpoint_id',
      'e.url',
      'e.secret',
      'o.type',
      'o.response_id',
      'o.survey',
      'o.created_at',
      'o.attempts',
    ])
    .where('e.disabled_at', 'is', null)
    .where('o.status', '=', 'pending')
    .where('o.id', '=', (eb) =>
      eb
        .selectFrom('webhook_outbox as p')
        .select((p) => p.fn.min('p.id').as('head'))
        .whereRef('p.endpoint_id', '=', 'o.endpoint_id')
        .where('p.status', '=', 'pending'),
    )
    .where('o.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('o.lease_until', 'is', null), eb('o.lease_until', '<=', now)]))
    .orderBy('o.next_attempt_at')
    .orderBy('o.id')
    .limit(input.limit)
    .execute();
  const claimed: ClaimedDelivery[] = [];
  for (const head of heads) {
    const won = await db
      .updateTable('webhook_outbox')
      .set({ lease_until: input.leaseUntil.toISOString(), lease_owner: input.owner })
      .where('id', '=', head.id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .executeTakeFirst();
    if (won.numUpdatedRows === 0n) continue;
    claimed.push({
      id: head.id,
      endpointId: head.endpoint_id,
      url: head.url,
      secret: head.secret,
      type: head.type as WebhookEventType,
      responseId: head.response_id,
      survey: head.survey,
      createdAt: head.created_at,
      attempts: head.attempts,
    });
  }
  return claimed;
}

async function settle(db: Kysely<Database>, input: SettleInput): Promise<boolean> {
  const at = input.at.toISOString();
  const done = input.status !== 'pending';
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('webhook_outbox')
      .set((eb) => ({
        status: input.status,
        attempts: input.attempt === undefined ? eb.ref('attempts') : sql<number>`attempts + 1`,
        next_attempt_at: input.nextAttemptAt?.toISOString() ?? at,
        lease_until: null,
        lease_owner: null,
        done_at: done ? at : null,
      }))
      .where('id', '=', input.id)
      .where('lease_owner', '=', input.owner)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    if (input.attempt !== undefined) {
      await trx
        .insertInto('webhook_attempts')
        .values({
          outbox_id: input.id,
          at,
          status_code: input.attempt.statusCode,
          error: input.attempt.error,
          duration_ms: input.attempt.durationMs,
        })
        .execute();
    }
    return true;
  });
}

function toEndpoint(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    survey: row.survey,
    secret: row.secret,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}
