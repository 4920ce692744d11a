/**
 * Issue 17 item 4 in the real `canvass serve` process: its webhook worker POSTs a response
 * completed over HTTP to a local receiver (allowed by WEBHOOK_ALLOW_PRIVATE), signed, and the
 * process still stops cleanly on SIGTERM with the worker running.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { newWebhookSecret } from '../../src/domain/index.js';
import { openStorage } from '../../src/storage/index.js';
import { Browser, httpTransport } from '../support/browser.js';
import { waitUntil } from '../support/faults.js';
import { answerAll, begin } from '../support/flow.js';
import { cleanEnv, startServer } from '../support/process.js';
import { assertSigned, startReceiver } from '../support/receiver.js';

test('canvass serve delivers a completed response to a webhook endpoint and stops on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-webhooks-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const database = `sqlite:${join(dir, 'canvass.db')}`;
  const receiver = await startReceiver();
  t.after(() => receiver.close());
  const server = await startServer(
    ['--port', '0', '--database', database, '--data-dir', dir],
    cleanEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }),
  );
  t.after(async () => {
    if (server.child.exitCode === null) await server.stop();
  });
  // The endpoint as the admin form stores it, written by another connection to the same file.
  const storage = await openStorage(database);
  const secret = newWebhookSecret();
  await storage.createWebhookEndpoint({
    url: receiver.url,
    survey: 'satisfaction',
    secret,
    createdAt: new Date(),
  });
  await storage.close();

  const browser = new Browser(httpTransport(server.url), server.url);
  await begin(browser, 'satisfaction');
  await answerAll(browser, 'satisfaction', ['Yes', 'No', 'Less than $10,000', 'Yes']);
  await waitUntil('the receiver got the response', () =>
    Promise.resolve(receiver.received.length > 0),
  );
  const [request] = receiver.received;
  assert.ok(request);
  assertSigned(request, secret);
  const body = JSON.parse(request.body) as { type: string; data: { survey: string } };
  assert.equal(body.type, 'response.completed');
  assert.equal(body.data.survey, 'satisfaction');

  assert.equal(await server.stop(), 0, server.output());
});
