/**
 * A format-1 question parsed by the new code gives exactly what today's flow gives (flow.ts
 * `submitAnswer`), for any posted body: the same errors word for word, or the same record.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { submitAnswer } from '../flow.js';
import { surveyFileSchema } from '../survey.js';
import { parseAnswer } from './answer.js';
import { ctx, question } from './fixtures.test.js';

const field = fc.option(
  fc.oneof(
    fc.constantFrom('Yes', 'No', 'Maybe', '', ' ', 'x'.repeat(2_001), 'a\u0000b'),
    fc.string({ maxLength: 30 }),
    fc.array(fc.constantFrom('Yes', '', 'No'), { maxLength: 3 }),
  ),
  { nil: undefined },
);

for (const allowText of [false, true]) {
  test(`a format-1 question (allowText: ${allowText}) parses as flow.ts does (property)`, () => {
    const file = { title: 'T', questions: [{ text: 'Q?', allowText }] };
    const survey = { slug: 's', ...surveyFileSchema.parse(file) };
    const q = question('choice', { text: 'Q?', allowText });
    fc.assert(
      fc.property(field, field, (answer, comment) => {
        const body = {
          ...(answer === undefined ? {} : { answer }),
          ...(comment === undefined ? {} : { comment }),
        };
        const today = submitAnswer(survey, { responseId: 1, answered: 0 }, 0, body);
        const next = parseAnswer(body, q, ctx);
        if (today.kind === 'invalid') {
          assert.deepEqual(next.kind === 'invalid' ? next.errors : next, today.errors);
        } else if (today.kind === 'record') {
          const { answer: id, comment: said } = today.answer;
          const value = { kind: 'choice', id };
          assert.deepEqual(next, { kind: 'answer', answer: { value, comment: said } });
        } else assert.fail(`unexpected ${today.kind}`);
      }),
      { numRuns: 500 },
    );
  });
}
