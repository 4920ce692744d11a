import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { surveyFileSchema, type Survey } from '../../../domain/index.js';
import { openStorage } from '../../../storage/index.js';
import { pageResults, sliceSize } from './slices.js';

const survey: Survey = {
  slug: 's',
  ...surveyFileSchema.parse({
    title: 'S',
    questions: Array.from({ length: 12 }, (_, i) => ({ text: `Q${i + 1}`, choices: ['A', 'B'] })),
  }),
};

test('counts fewer questions a turn as responses grow, never fewer than one', () => {
  assert.deepEqual(
    [0, 1, 1_000, 10_000, 25_000, 50_001, 10_000_000].map(sliceSize),
    [5, 5, 5, 5, 2, 1, 1],
  );
});

test('a page counted one question at a time reads as counted five at a time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-slices-'));
  const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
  try {
    const { id } = await storage.registerVersion({
      survey: 's',
      hash: 'h',
      definition: '{}',
      at: new Date(),
    });
    // Response r answers the first 12 - 2r questions (12, 10, 8, 6, 4), alternating A and B.
    for (let r = 0; r < 5; r++) {
      const responseId = await storage.createResponse({
        survey: 's',
        versionId: id,
        startedAt: new Date(),
      });
      for (let q = 0; q < 12 - 2 * r; q++) {
        await storage.recordAnswer({
          responseId,
          survey: 's',
          question: q,
          answer: (q + r) % 2 === 0 ? 'A' : 'B',
          comment: null,
          completes: q === 11,
          at: new Date(),
        });
      }
    }
    const version = { id, started: 5 };
    for (const range of [
      { from: 0, to: 12 },
      { from: 3, to: 11 },
    ]) {
      const one = await pageResults(storage, survey, version, range, 1);
      const five = await pageResults(storage, survey, version, range, 5);
      const all = await pageResults(storage, survey, version, range, 12);
      assert.deepEqual(one.questions, all.questions);
      assert.deepEqual(five.questions, all.questions);
      assert.equal(one.sections.value, all.sections.value);
    }
    const { questions } = await pageResults(storage, survey, version, { from: 3, to: 11 }, 1);
    assert.deepEqual(
      questions.map((q) => [q.index, q.reached, q.answered]),
      [
        [3, 5, 5],
        [4, 5, 4],
        [5, 4, 4],
        [6, 4, 3],
        [7, 3, 3],
        [8, 3, 2],
        [9, 2, 2],
        [10, 2, 1],
      ],
    );
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
