import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFilters } from './filters.js';
import { surveyFileSchema, type Survey } from './survey.js';

const survey: Survey = {
  slug: 's',
  ...surveyFileSchema.parse({
    title: 'S',
    questions: [
      { id: 'c', type: 'choice', text: 'C', choices: ['a', 'b'] },
      { id: 'm', type: 'multi', text: 'M', choices: ['a', 'b'] },
      { id: 'yn', type: 'yesno', text: 'YN' },
      { id: 'r', type: 'rating', text: 'R', scale: 4 },
      { id: 't', type: 'text', text: 'T' },
    ],
  }),
};
const versions = [{ id: 7, number: 1, survey }];

test('a filter names a question and one of its choices; multi filters by ticked items', () => {
  const parsed = parseFilters(['c:b', 'm:a', 'yn:no', 'r:4'], survey, versions);
  assert.ok(parsed.ok);
  assert.deepEqual(
    parsed.filters.map((f) => [f.targets, f.value, f.items, f.question, f.choice]),
    [
      [[{ versionId: 7, question: 0 }], 'b', false, 'C', 'b'],
      [[{ versionId: 7, question: 1 }], 'a', true, 'M', 'a'],
      [[{ versionId: 7, question: 2 }], 'no', false, 'YN', 'No'],
      [[{ versionId: 7, question: 3 }], '4', false, 'R', '4'],
    ],
  );
});

test('a filter the survey cannot have says what is wrong', () => {
  const message = (raw: string) => {
    const parsed = parseFilters([raw], survey, versions);
    assert.ok(!parsed.ok);
    return parsed.message;
  };
  assert.match(message('c'), /must be QUESTION:CHOICE/);
  assert.match(message('zz:a'), /there is no question "zz"/);
  assert.match(message('c:z'), /has no choice "z" \(its choices: a, b\)/);
  assert.match(message('r:5'), /has no choice "5"/);
  assert.match(message('t:x'), /\(text\) has no choices to filter by/);
});
