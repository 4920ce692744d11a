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
      { id: 'n', type: 'nps', text: 'N' },
    ],
    hidden: ['source'],
  }),
};
const versions = [{ id: 7, number: 1, survey }];

test('a filter names a question and one of its choices; multi filters by ticked items', () => {
  const parsed = parseFilters(['c:b', 'm:a', 'yn:no', 'r:4'], survey, versions);
  assert.ok(parsed.ok);
  const at = (question: number) => [{ versionId: 7, question }];
  assert.deepEqual(parsed.filters, [
    { kind: 'answer', targets: at(0), value: 'b', question: 'C', choice: 'b' },
    { kind: 'item', targets: at(1), value: 'a', question: 'M', choice: 'a' },
    { kind: 'answer', targets: at(2), value: 'no', question: 'YN', choice: 'No' },
    { kind: 'answer', targets: at(3), value: '4', question: 'R', choice: '4' },
  ]);
});

test('an NPS question filters by a point or by one of its three groups', () => {
  const parsed = parseFilters(['n:10', 'n:passives'], survey, versions);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.filters, [
    {
      kind: 'answer',
      targets: [{ versionId: 7, question: 5 }],
      value: '10',
      question: 'N',
      choice: '10',
    },
    {
      kind: 'range',
      targets: [{ versionId: 7, question: 5 }],
      min: 7,
      max: 8,
      question: 'N',
      choice: 'Passives (7–8)',
    },
  ]);
});

test('hidden:NAME:VALUE filters by a hidden field the survey lists, its value kept whole', () => {
  const parsed = parseFilters(['hidden:source:mail:spring'], survey, versions);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.filters, [
    {
      kind: 'hidden',
      name: 'source',
      value: 'mail:spring',
      question: 'source',
      choice: 'mail:spring',
    },
  ]);
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
  assert.match(message('hidden:campaign:x'), /there is no hidden field "campaign" \(its: source\)/);
  assert.match(message('hidden:source:'), /a hidden field's value is 1 to 200 characters/);
  assert.match(
    message(`hidden:source:${'😀'.repeat(201)}`),
    /a hidden field's value is 1 to 200 characters/,
  );
  assert.match(message('hidden:source:a\u0000b'), /a hidden field's value cannot hold a NUL/);
});
