import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { ExportResponse } from './exports.js';
import { surveyFileSchema } from './survey.js';
import { encodeXlsx } from './xlsx.js';

const survey = {
  slug: 'big',
  ...surveyFileSchema.parse({
    title: 'Big',
    questions: [{ text: 'Why?', choices: ['Yes', 'No'], allowText: true }],
  }),
};

/** Endless responses, counting how many were read and whether reading was stopped. */
function endless() {
  const state = { read: 0, closed: false };
  async function* responses(): AsyncGenerator<ExportResponse> {
    try {
      for (;;) {
        state.read++;
        // Some text that deflates poorly, so the backlog is real bytes.
        const comment = `${state.read} ${Math.random().toString(36).repeat(8)}`;
        yield {
          id: state.read,
          startedAt: '2024-01-01T00:00:00.000Z',
          completedAt: null,
          answers: [{ question: 0, answer: 'Yes', comment }],
        };
        // A database page at a time: let the event loop run between pages.
        if (state.read % 500 === 0) await sleep(0);
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, responses: responses() };
}

test('stops reading responses while the XLSX reader does not read, and closes them when it stops', async () => {
  const { state, responses } = endless();
  const chunks = encodeXlsx(survey, 1, responses);
  assert.equal((await chunks.next()).done, false);
  // The writer reads ahead until the buffers between it and the reader are full, then waits:
  // watched until nothing is read for 300 ms, however long filling the buffers takes on a busy
  // machine (bounded by the read-ahead allowed, not by time).
  let stalled = -1;
  while (state.read !== stalled && state.read < 200_000) {
    stalled = state.read;
    await sleep(300);
  }
  assert.equal(state.read, stalled, 'the writer waits for the reader');
  assert.ok(stalled < 200_000, `${stalled} responses read ahead`);
  for (let i = 0; i < 100_000 && state.read === stalled; i++) {
    assert.equal((await chunks.next()).done, false);
  }
  assert.ok(state.read > stalled, 'reading resumes with the reader');
  await chunks.return(undefined);
  await sleep(50);
  assert.equal(state.closed, true);
});
