import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { createTestDatabase, postgresUnavailableReason } from '../../test/support/postgres.js';
import { openStorage, type Storage } from '../storage/index.js';
import { pruneInterval, pruneOnce, startPruner } from './pruner.js';

// In CI a missing PostgreSQL fails the run; elsewhere its half is skipped, loudly.
const postgresMissing = await postgresUnavailableReason();
if (postgresMissing !== undefined && process.env.CI === 'true') throw new Error(postgresMissing);
if (postgresMissing !== undefined) console.warn(`Skipping PostgreSQL: ${postgresMissing}`);

interface Opened {
  storage: Storage;
  dispose(): Promise<void>;
}

const engines: { name: string; open(): Promise<Opened> }[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'canvass-prune-'));
      const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
      return {
        storage,
        async dispose() {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  ...(postgresMissing === undefined
    ? [
        {
          name: 'postgres',
          async open() {
            const database = await createTestDatabase();
            const storage = await openStorage(database.url);
            return {
              storage,
              async dispose() {
                await storage.close();
                await database.drop();
              },
            };
          },
        },
      ]
    : []),
];

const NOW = new Date('2024-05-03T12:00:00.000Z');
const hoursAgo = (n: number) => new Date(NOW.getTime() - n * 3600_000);
const DAY = 24 * 3600;

for (const engine of engines) {
  describe(`pruning empty responses on ${engine.name}`, () => {
    let opened: Opened | undefined;
    afterEach(() => opened?.dispose());

    /** Begins a response at `startedAt` and gives it `answers` answers (of two questions). */
    async function response(startedAt: Date, answers: number): Promise<number> {
      const storage = opened?.storage;
      assert.ok(storage);
      const { id: versionId } = await storage.registerVersion({
        survey: 'satisfaction',
        hash: 'h1',
        definition: '{}',
        at: startedAt,
      });
      const id = await storage.createResponse({ survey: 'satisfaction', versionId, startedAt });
      for (let q = 0; q < answers; q++) {
        await storage.recordAnswer({
          responseId: id,
          survey: 'satisfaction',
          question: q,
          answer: 'Yes',
          comment: null,
          completes: q === 1,
          at: startedAt,
        });
      }
      return id;
    }

    test('deletes only unanswered responses begun longer ago than the setting', async () => {
      opened = await engine.open();
      const oldEmpty = [await response(hoursAgo(48), 0), await response(hoursAgo(25), 0)];
      const oldPartial = await response(hoursAgo(48), 1);
      const oldComplete = await response(hoursAgo(48), 2);
      const freshEmpty = await response(hoursAgo(23), 0);
      const pruned = await pruneOnce({
        storage: opened.storage,
        afterSeconds: DAY,
        now: () => NOW,
      });
      assert.equal(pruned, oldEmpty.length);
      const left = await opened.storage.listResponses('satisfaction');
      assert.deepEqual(
        left.map((r) => r.id),
        [oldPartial, oldComplete, freshEmpty],
      );
      // The dashboard's "started" counts responses with an answer, empty or not pruned yet.
      assert.deepEqual(await opened.storage.surveyCounts(), [
        { survey: 'satisfaction', started: 2, completed: 1 },
      ]);
      // A day later the fresh one has aged too.
      const later = new Date(NOW.getTime() + DAY * 1000);
      assert.equal(
        await pruneOnce({ storage: opened.storage, afterSeconds: DAY, now: () => later }),
        1,
      );
    });

    test('deletes in batches until none is left', async () => {
      opened = await engine.open();
      const { storage } = opened;
      const { id: versionId } = await storage.registerVersion({
        survey: 'satisfaction',
        hash: 'h1',
        definition: '{}',
        at: NOW,
      });
      // More than one batch (1,000) of deletes.
      await Promise.all(
        Array.from({ length: 1_050 }, () =>
          storage.createResponse({ survey: 'satisfaction', versionId, startedAt: hoursAgo(30) }),
        ),
      );
      assert.equal(await pruneOnce({ storage, afterSeconds: DAY, now: () => NOW }), 1_050);
      assert.deepEqual(await storage.listResponses('satisfaction'), []);
    });

    test('PRUNE_EMPTY_AFTER=0 never deletes anything', async () => {
      opened = await engine.open();
      await response(hoursAgo(24 * 365), 0);
      assert.equal(await pruneOnce({ storage: opened.storage, afterSeconds: 0 }), 0);
      const stop = startPruner({ storage: opened.storage, afterSeconds: 0 });
      stop();
      assert.equal((await opened.storage.listResponses('satisfaction')).length, 1);
    });
  });
}

test('the pruner runs at once, then at most hourly, and reports a failed pass', async () => {
  assert.equal(pruneInterval(60), 60_000);
  assert.equal(pruneInterval(DAY), 3600_000);
  const dir = mkdtempSync(join(tmpdir(), 'canvass-prune-'));
  const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
  await storage.close(); // every pass now fails: the process must live on and say so
  try {
    // The pruner's timers do not hold the process open; this one holds it for the test.
    const hold = setTimeout(() => undefined, 10_000);
    const outcome = await new Promise<unknown>((resolve) => {
      const stop = startPruner({
        storage,
        afterSeconds: DAY,
        report: (o) => {
          stop();
          resolve(o);
        },
      });
    });
    clearTimeout(hold);
    assert.ok(typeof outcome === 'object' && outcome !== null && 'error' in outcome);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
