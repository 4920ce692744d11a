import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  createTestDatabase,
  postgresUnavailableReason,
  type TestDatabase,
} from '../../../test/support/postgres.js';
import type { Storage } from '../contract.js';
import { openStorage } from '../open.js';

// In CI a missing PostgreSQL fails the run; elsewhere these tests are skipped, loudly.
const missing = await postgresUnavailableReason();
if (missing !== undefined && process.env.CI === 'true') throw new Error(missing);
if (missing !== undefined) console.warn(`Skipping PostgreSQL: ${missing}`);

let database: TestDatabase;
let storage: Storage;
before(async () => {
  if (missing !== undefined) return;
  database = await createTestDatabase();
  storage = await openStorage(database.url);
});
after(async () => {
  if (missing !== undefined) return;
  await storage.close();
  await database.drop();
});

const at = new Date('2024-05-01T10:00:00.000Z');

async function begin(): Promise<number> {
  const version = await storage.registerVersion({ survey: 's', hash: 'h', definition: '{}', at });
  return storage.createResponse({ survey: 's', versionId: version.id, startedAt: at });
}

const answer = (responseId: number, text: string) => ({
  responseId,
  survey: 's',
  question: 0,
  answer: text,
  comment: null,
  completes: false,
  at,
});

test(
  'an answer PostgreSQL refuses fails alone; the answers sent with it are stored',
  {
    skip: missing,
  },
  async () => {
    const [a, b, c] = await Promise.all([begin(), begin(), begin()]);
    assert.ok(a && b && c);
    // PostgreSQL's text cannot hold a NUL character: the batch's statement fails on it.
    const outcomes = await Promise.allSettled([
      storage.recordAnswer(answer(a, 'Yes')),
      storage.recordAnswer(answer(b, 'Y\u0000es')),
      storage.recordAnswer(answer(c, 'No')),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    const stored = await Promise.all([a, b, c].map((id) => storage.getResponse(id)));
    assert.deepEqual(
      stored.map((r) => r?.answers.map((x) => x.answer)),
      [['Yes'], [], ['No']],
    );
  },
);

test(
  'a hundred respondents answering at once each have exactly their own answer stored',
  {
    skip: missing,
  },
  async () => {
    const ids = await Promise.all(Array.from({ length: 100 }, () => begin()));
    const outcomes = await Promise.all(
      ids.flatMap((id) => [
        storage.recordAnswer(answer(id, `answer of ${id}`)),
        storage.recordAnswer(answer(id, `double click of ${id}`)),
      ]),
    );
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ids.flatMap(() => ['recorded', 'duplicate']),
    );
    const counts = await Promise.all(ids.map((id) => storage.countAnswers(id, 's')));
    assert.deepEqual(
      counts,
      ids.map(() => 1),
    );
    const stored = await Promise.all(ids.map((id) => storage.getResponse(id)));
    assert.deepEqual(
      stored.map((r) => r?.answers.map((x) => x.answer)),
      ids.map((id) => [`answer of ${id}`]),
    );
  },
);
