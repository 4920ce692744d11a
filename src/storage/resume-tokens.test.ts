import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshStorage as fresh } from '../../test/support/fresh-storage.js';
import type { Storage } from './index.js';

const T0 = new Date('2024-05-01T10:00:00.000Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

async function begun(storage: Storage, survey: string): Promise<{ id: number; version: number }> {
  const version = await storage.registerVersion({ survey, hash: 'h1', definition: '{}', at: T0 });
  const id = await storage.createResponse({ survey, versionId: version.id, startedAt: T0 });
  return { id, version: version.id };
}

for (const engine of ['sqlite', 'postgres'] as const) {
  test(`${engine}: a resume link finds its response until it expires, and only in its survey`, async (t) => {
    const storage = await fresh(t, engine);
    if (storage === undefined) return;
    const { id, version } = await begun(storage, 'satisfaction');
    await storage.createResumeToken({ hash: 'h-a', responseId: id, expiresAt: hours(2) });
    assert.deepEqual(await storage.findResumeToken('h-a', 'satisfaction', hours(1)), {
      responseId: id,
      versionId: version,
      completed: false,
    });
    assert.equal(await storage.findResumeToken('h-a', 'satisfaction', hours(2)), undefined);
    assert.equal(await storage.findResumeToken('h-a', 'personality', hours(1)), undefined);
    assert.equal(await storage.findResumeToken('h-b', 'satisfaction', hours(1)), undefined);
  });

  test(`${engine}: a resume link of a completed response says so`, async (t) => {
    const storage = await fresh(t, engine);
    if (storage === undefined) return;
    const { id } = await begun(storage, 'satisfaction');
    await storage.recordAnswer({
      responseId: id,
      survey: 'satisfaction',
      question: 0,
      answer: 'Yes',
      comment: null,
      completes: true,
      at: hours(1),
    });
    await storage.createResumeToken({ hash: 'h-a', responseId: id, expiresAt: hours(2) });
    const found = await storage.findResumeToken('h-a', 'satisfaction', hours(1));
    assert.equal(found?.completed, true);
  });

  test(`${engine}: making a link prunes the expired ones, and pruning a response drops its links`, async (t) => {
    const storage = await fresh(t, engine);
    if (storage === undefined) return;
    const { id } = await begun(storage, 'satisfaction');
    await storage.createResumeToken({ hash: 'old', responseId: id, expiresAt: hours(1) });
    await storage.createResumeToken({
      hash: 'new',
      responseId: id,
      expiresAt: hours(5),
      createdAt: hours(3),
    });
    // Pruned, so it stays refused even for a clock that goes back.
    assert.equal(await storage.findResumeToken('old', 'satisfaction', T0), undefined);
    assert.equal((await storage.findResumeToken('new', 'satisfaction', hours(4)))?.responseId, id);
    // The response has no answer: the empty-response pruner deletes it with its links.
    assert.equal(await storage.pruneEmptyResponses(hours(1)), 1);
    assert.equal(await storage.findResumeToken('new', 'satisfaction', hours(4)), undefined);
  });
}
