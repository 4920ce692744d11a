import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hiddenGroups, parseBy } from './by.js';
import { surveyFileSchema, type Survey } from './survey.js';

const survey: Survey = {
  slug: 's',
  ...surveyFileSchema.parse({
    title: 'S',
    questions: [
      { id: 'yn', type: 'yesno', text: 'YN' },
      { id: 'n', type: 'nps', text: 'N' },
      { id: 't', type: 'text', text: 'T' },
    ],
    hidden: ['source'],
  }),
};
const versions = [{ id: 3, number: 1, survey }];

test('by a yesno question: one group per answer, each a filter on it', () => {
  const parsed = parseBy('yn', survey, versions);
  assert.ok(parsed.ok && parsed.kind === 'question');
  assert.deepEqual(
    parsed.by.groups.map((g) => [g.id, g.text, g.filter.kind]),
    [
      ['yes', 'Yes', 'answer'],
      ['no', 'No', 'answer'],
    ],
  );
});

test('by an NPS question: its three groups, not its eleven points', () => {
  const parsed = parseBy('n', survey, versions);
  assert.ok(parsed.ok && parsed.kind === 'question');
  assert.deepEqual(
    parsed.by.groups.map((g) => g.filter),
    [
      [0, 6, 'Detractors (0–6)'],
      [7, 8, 'Passives (7–8)'],
      [9, 10, 'Promoters (9–10)'],
    ].map(([min, max, choice]) => ({
      kind: 'range',
      targets: [{ versionId: 3, question: 1 }],
      min,
      max,
      question: 'N',
      choice,
    })),
  );
});

test('by a hidden field: its groups are the values stored', () => {
  const parsed = parseBy('hidden:source', survey, versions);
  assert.deepEqual(parsed, { ok: true, kind: 'hidden', id: 'hidden:source', name: 'source' });
  assert.deepEqual(hiddenGroups('hidden:source', 'source', ['mail', 'web']).groups, [
    {
      id: 'mail',
      text: 'mail',
      filter: { kind: 'hidden', name: 'source', value: 'mail', question: 'source', choice: 'mail' },
    },
    {
      id: 'web',
      text: 'web',
      filter: { kind: 'hidden', name: 'source', value: 'web', question: 'source', choice: 'web' },
    },
  ]);
});

test('by something the survey cannot be grouped by says what is wrong', () => {
  const message = (raw: string) => {
    const parsed = parseBy(raw, survey, versions);
    assert.ok(!parsed.ok);
    return parsed.message;
  };
  assert.equal(message('zz'), 'by: there is no question "zz"');
  assert.equal(message('t'), 'by: question "t" (text) has no choices to cross-tabulate by');
  assert.equal(message('hidden:campaign'), 'by: there is no hidden field "campaign" (its: source)');
});
