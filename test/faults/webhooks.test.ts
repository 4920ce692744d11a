/**
 * Issue 17 item 4, faults: the webhook worker's database goes away (PostgreSQL refusing this
 * test database's connections, its open ones ended). Every failed pass is reported and the
 * worker keeps passing; once connections are allowed again an event queued then is delivered. The
 * process never ends, and `stop` returns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { startWebhookWorker } from '../../src/cli/webhook-worker.js';
import { newWebhookSecret } from '../../src/domain/index.js';
import { openStorage } from '../../src/storage/index.js';
import { waitUntil } from '../support/faults.js';
import { ownDatabase, terminateBackends } from '../support/postgres-faults.js';
import { POSTGRES_ADMIN_URL } from '../support/postgres.js';
import { startReceiver } from '../support/receiver.js';

async function allowConnections(name: string, allow: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`alter database ${name} allow_connections ${allow ? 'true' : 'false'}`);
  } finally {
    await client.end();
  }
}

test('a webhook worker whose database goes away reports each failed pass, keeps going, and delivers once it is back', async (t) => {
  const database = await ownDatabase(t);
  if (database === undefined) return;
  // Cleanup in the body: \`after\` hooks run in the order they were added, so ownDatabase's drop
  // would come first.
  const storage = await openStorage(database.url);
  const receiver = await startReceiver();
  const failures: unknown[] = [];
  const worker = startWebhookWorker({
    storage,
    allowPrivate: true,
    intervalMs: 20,
    report: (error) => failures.push(error),
  });
  try {
    await storage.createWebhookEndpoint({
      url: receiver.url,
      survey: null,
      secret: newWebhookSecret(),
      createdAt: new Date(),
    });
    await allowConnections(database.name, false);
    await terminateBackends(database);
    await waitUntil('three passes have failed', () => Promise.resolve(failures.length >= 3));
    assert.equal(receiver.received.length, 0);

    await allowConnections(database.name, true);
    assert.equal(await storage.enqueueWebhookTest(1, new Date()), true);
    await waitUntil('the event is delivered', () => Promise.resolve(receiver.received.length > 0));
    await worker.stop();
    assert.equal(receiver.received.length, 1, 'once');
    const [delivery] = await storage.listWebhookDeliveries(1, 1);
    assert.equal(delivery?.status, 'delivered');
  } finally {
    await allowConnections(database.name, true);
    await worker.stop();
    await receiver.close();
    await storage.close();
  }
});
