import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { canonicalDefinition, surveyFileSchema, type Survey } from '../../../domain/index.js';
import { openStorage } from '../../../storage/index.js';
import { storeResponse } from '../../../../test/support/results.js';
import { pageFigures } from './slices.js';

const survey: Survey = {
  slug: 's',
  ...surveyFileSchema.parse({
    title: 'S',
    questions: [
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `c${i}`,
        text: `Q${i + 1}`,
        choices: ['A', 'B'],
      })),
      { id: 'n', type: 'number', text: 'N' },
      { id: 't', type: 'text', text: 'T' },
    ],
  }),
};

test('a page of figures drawn one question a turn reads as drawn all at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-page-figures-'));
  const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
  try {
    const definition = canonicalDefinition(survey);
    const { id } = await storage.registerVersion({
      survey: 's',
      hash: definition,
      definition,
      at: new Date(),
    });
    // Response r answers the first 6 - r questions; only the first reaches N and T.
    for (let r = 0; r < 4; r++) {
      const values: Record<string, unknown> = { n: r * 2, t: `text ${r}` };
      for (let q = 0; q < 6 - r; q++)
        values[`c${q}`] = { kind: 'choice', id: (q + r) % 2 === 0 ? 'A' : 'B' };
      await storeResponse(storage, survey, id, values);
    }
    const scope = {
      base: { id, number: 1, survey },
      versions: [{ id, number: 1, survey }],
      completed: false,
      filters: [],
    };
    const paging = { question: undefined, page: 1, href: (q: string, n: number) => `?${q}=${n}` };
    const range = { from: 0, to: survey.questions.length };
    const one = await pageFigures(storage, scope, range, paging, 1);
    const all = await pageFigures(storage, scope, range, paging, survey.questions.length);
    assert.deepEqual(one.questions, all.questions);
    assert.equal(one.sections.value, all.sections.value);
    assert.deepEqual(
      one.questions.map((q) => [q.index, q.reached, q.answered]),
      [
        [0, 4, 4],
        [1, 4, 4],
        [2, 4, 4],
        [3, 4, 3],
        [4, 3, 2],
        [5, 2, 1],
        [6, 1, 1],
        [7, 1, 1],
      ],
    );
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
