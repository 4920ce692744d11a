/**
 * A format-1 question submitted to the flow gives exactly what format 1 gave (the frozen
 * oracle), for any posted body: the same errors word for word, or the same stored answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { submitAnswer } from '../flow.js';
import { surveyFileSchema } from '../survey.js';
import { format1Answer, format1Schema } from './format1-oracle.test.js';
import { messages } from '../../i18n/index.js';

const field = fc.option(
  fc.oneof(
    fc.constantFrom('Yes', 'No', 'Maybe', '', ' ', 'x'.repeat(2_001), 'a\u0000b'),
    fc.string({ maxLength: 30 }),
    fc.array(fc.constantFrom('Yes', '', 'No'), { maxLength: 3 }),
  ),
  { nil: undefined },
);

for (const allowText of [false, true]) {
  test(`a format-1 question (allowText: ${allowText}) is checked and stored as format 1 did (property)`, () => {
    const file = { title: 'T', questions: [{ text: 'Q?', allowText }] };
    const survey = { slug: 's', ...surveyFileSchema.parse(file) };
    const [old] = format1Schema.parse(file).questions;
    assert.ok(old);
    fc.assert(
      fc.property(field, field, (answer, comment) => {
        const body = {
          ...(answer === undefined ? {} : { answer }),
          ...(comment === undefined ? {} : { comment }),
        };
        const then = format1Answer(old, body);
        const now = submitAnswer(survey, { responseId: 1, answered: 0 }, 0, body, messages('en'));
        if (then.kind === 'invalid') {
          assert.deepEqual(now.kind === 'invalid' ? now.errors : now, then.errors);
        } else {
          assert.ok(now.kind === 'record', now.kind);
          assert.deepEqual(now.answer, {
            question: 0,
            answer: then.answer,
            comment: then.comment,
          });
        }
      }),
      { numRuns: 500 },
    );
  });
}
