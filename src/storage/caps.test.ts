import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createTestDatabase, postgresUnavailableReason } from '../../test/support/postgres.js';
import { openStorage } from './index.js';
import type { RecordAnswerInput, Storage, SubmitPageInput, SurveyCap } from './index.js';

/**
 * `maxResponses` (SURVEYS.md §8) in storage: completing writes race for the last places on
 * one storage and on two storages over one database (two instances), on every engine.
 */

const postgresMissing = await postgresUnavailableReason();
if (postgresMissing !== undefined && process.env.CI === 'true') throw new Error(postgresMissing);
const engines = postgresMissing === undefined ? ['sqlite', 'postgres'] : ['sqlite'];

const SURVEY = 'capped';
const AT = new Date('2030-01-01T10:00:00.000Z');

/** A fresh database's URL, removed after the test. */
async function freshUrl(t: test.TestContext, engine: string): Promise<string> {
  if (engine === 'postgres') {
    const database = await createTestDatabase();
    t.after(() => database.drop());
    return database.url;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-caps-'));
  t.after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return `sqlite:${path.join(dir, 'canvass.db')}`;
}

async function opened(t: test.TestContext, url: string): Promise<Storage> {
  const storage = await openStorage(url);
  t.after(() => storage.close());
  return storage;
}

/** `n` responses of a one-question survey, begun and not yet answered. */
async function begun(storage: Storage, n: number): Promise<number[]> {
  const { id: versionId } = await storage.registerVersion({
    survey: SURVEY,
    hash: 'h1',
    definition: '{}',
    at: AT,
  });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(await storage.createResponse({ survey: SURVEY, versionId, startedAt: AT }));
  }
  return ids;
}

const last = (responseId: number, cap?: SurveyCap): RecordAnswerInput => ({
  responseId,
  survey: SURVEY,
  question: 0,
  answer: 'Yes',
  comment: null,
  completes: true,
  at: AT,
  ...(cap === undefined ? {} : { cap }),
});

const lastPage = (responseId: number, cap: SurveyCap, revision = 0): SubmitPageInput => ({
  responseId,
  survey: SURVEY,
  revision,
  remove: [],
  answers: [
    { question: 0, answer: 'yes', comment: null, items: [{ item: null, value: 'a', num: null }] },
  ],
  frontier: null,
  completes: true,
  at: AT,
  cap,
});

async function completed(storage: Storage): Promise<number> {
  return (await storage.listResponses(SURVEY)).filter((r) => r.completedAt !== null).length;
}

for (const engine of engines) {
  describe(`survey caps on ${engine}`, () => {
    test('of five last answers at once for two places, two complete and three are full', async (t) => {
      const storage = await opened(t, await freshUrl(t, engine));
      const ids = await begun(storage, 5);
      const cap = { survey: SURVEY, max: 2 };
      const outcomes = await Promise.all(ids.map((id) => storage.recordAnswer(last(id, cap))));
      assert.equal(outcomes.filter((o) => o.kind === 'recorded').length, 2);
      assert.equal(outcomes.filter((o) => o.kind === 'full').length, 3);
      assert.equal(await completed(storage), 2);
      // The losers stay partial, with nothing of their last answer stored.
      for (const [i, id] of ids.entries()) {
        const response = await storage.getResponse(id);
        const recorded = outcomes[i]?.kind === 'recorded';
        assert.equal(response?.answers.length, recorded ? 1 : 0);
        assert.equal(response.completedAt !== null, recorded);
      }
      assert.equal(await storage.isFull(cap), true);
    });

    test('two instances on one database racing for the last place: one gets it', async (t) => {
      const url = await freshUrl(t, engine);
      const one = await opened(t, url);
      const two = await opened(t, url);
      const ids = await begun(one, 6);
      const cap = { survey: SURVEY, max: 3 };
      const outcomes = await Promise.all(
        ids.map((id, i) =>
          i % 2 === 0
            ? (i < 3 ? one : two).recordAnswer(last(id, cap))
            : (i < 3 ? two : one).submitPage(lastPage(id, cap)),
        ),
      );
      assert.equal(outcomes.filter((o) => o.kind === 'recorded').length, 3);
      assert.equal(outcomes.filter((o) => o.kind === 'full').length, 3);
      assert.equal(await completed(two), 3);
    });

    test('page writes at once: only the places there are complete; the rest write nothing', async (t) => {
      const storage = await opened(t, await freshUrl(t, engine));
      const ids = await begun(storage, 4);
      const cap = { survey: SURVEY, max: 1 };
      const outcomes = await Promise.all(ids.map((id) => storage.submitPage(lastPage(id, cap))));
      assert.deepEqual(outcomes.map((o) => o.kind).sort(), ['full', 'full', 'full', 'recorded']);
      for (const [i, id] of ids.entries()) {
        const state = await storage.readResponseState(id, SURVEY);
        const recorded = outcomes[i]?.kind === 'recorded';
        assert.equal(state?.revision, recorded ? 1 : 0);
        assert.equal(state.answers.length, recorded ? 1 : 0);
      }
    });

    test('the count starts from the responses completed before the cap', async (t) => {
      const storage = await opened(t, await freshUrl(t, engine));
      const ids = await begun(storage, 4);
      const cap = { survey: SURVEY, max: 3 };
      await storage.recordAnswer(last(ids[0] as number));
      await storage.recordAnswer(last(ids[1] as number));
      assert.equal(await storage.isFull(cap), false);
      assert.deepEqual(await storage.recordAnswer(last(ids[2] as number, cap)), {
        kind: 'recorded',
      });
      assert.equal(await storage.isFull(cap), true);
      assert.deepEqual(await storage.recordAnswer(last(ids[3] as number, cap)), { kind: 'full' });
      assert.equal(await storage.isFull({ survey: SURVEY, max: 4 }), false);
    });

    test('a repeated last answer is a duplicate and a stale last page stale, not full', async (t) => {
      const storage = await opened(t, await freshUrl(t, engine));
      const [a, b] = (await begun(storage, 2)) as [number, number];
      const cap = { survey: SURVEY, max: 2 };
      assert.deepEqual(await storage.recordAnswer(last(a, cap)), { kind: 'recorded' });
      assert.deepEqual(await storage.recordAnswer(last(a, cap)), { kind: 'duplicate' });
      assert.deepEqual(await storage.submitPage(lastPage(b, cap, 7)), { kind: 'stale' });
      // Neither took the place it tried for: the second is still there.
      assert.equal(await storage.isFull(cap), false);
      assert.deepEqual(await storage.submitPage(lastPage(b, cap)), {
        kind: 'recorded',
        revision: 1,
      });
      assert.equal(await storage.isFull(cap), true);
      assert.deepEqual(await storage.submitPage(lastPage(b, cap, 1)), { kind: 'stale' });
      assert.deepEqual(await storage.submitPage(lastPage(b + 100, cap)), {
        kind: 'unknown-response',
      });
    });
  });
}
