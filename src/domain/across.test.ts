import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  behindCondition,
  pageTargetsOf,
  reachedOf,
  sameQuestion,
  shownBy,
  targetsOf,
  versionsToAddUp,
  type VersionedSurvey,
} from './across.js';
import type { Question } from './questions/index.js';
import { surveyFileSchema, type Survey } from './survey.js';

function survey(questions: unknown[]): Survey {
  return { slug: 's', ...surveyFileSchema.parse({ title: 'S', questions }) };
}

function one(question: Record<string, unknown>): Question {
  const [q] = survey([question]).questions;
  assert.ok(q !== undefined);
  return q;
}

test('a question whose texts, help or required changed is still the same question', () => {
  const before = one({ id: 'q', type: 'choice', text: 'Colour?', choices: ['Red', 'Blue'] });
  const after = one({
    id: 'q',
    type: 'choice',
    text: 'Favourite colour?',
    help: 'Pick one',
    required: false,
    choices: [
      { id: 'Red', text: 'Red (warm)' },
      { id: 'Blue', text: 'Blue' },
    ],
  });
  assert.equal(sameQuestion(before, after), true);
});

test('another id, type, choice list, grid column value or scale is another question', () => {
  const base = { id: 'q', text: 'Q' };
  const pairs: [Record<string, unknown>, Record<string, unknown>][] = [
    [
      { ...base, choices: ['A', 'B'] },
      { ...base, id: 'r', choices: ['A', 'B'] },
    ],
    [
      { ...base, choices: ['A', 'B'] },
      { ...base, choices: ['A', 'B', 'C'] },
    ],
    [
      { ...base, choices: ['A', 'B'] },
      { ...base, type: 'dropdown', choices: ['A', 'B'] },
    ],
    [
      { ...base, type: 'grid', rows: ['r'], columns: [{ text: 'c', value: 1 }, 'd'] },
      { ...base, type: 'grid', rows: ['r'], columns: [{ text: 'c', value: 2 }, 'd'] },
    ],
    [
      { ...base, type: 'rating', scale: 5 },
      { ...base, type: 'rating', scale: 7 },
    ],
  ];
  for (const [a, b] of pairs) assert.equal(sameQuestion(one(a), one(b)), false, JSON.stringify(b));
});

test('targets follow the question to its index in each version that has it', () => {
  const q = { id: 'q', type: 'yesno', text: 'Q' };
  const v1 = survey([q, { id: 'x', type: 'text', text: 'X' }]);
  const v2 = survey([{ id: 'intro', type: 'statement', text: 'Hi' }, q]);
  const v3 = survey([{ ...q, type: 'consent' }]);
  const versions: VersionedSurvey[] = [
    { id: 10, number: 1, survey: v1 },
    { id: 11, number: 2, survey: v2 },
    { id: 12, number: 3, survey: v3 },
  ];
  const question = v2.questions[1];
  assert.ok(question !== undefined);
  const targets = targetsOf(question, versions);
  assert.deepEqual(targets, [
    { versionId: 10, question: 0 },
    { versionId: 11, question: 1 },
  ]);
  // Reached: the page before (the question itself when it is the first).
  assert.deepEqual(reachedOf(targets), [
    { versionId: 10, question: 0 },
    { versionId: 11, question: 0 },
  ]);
});

test('the default view adds up the versions that share a question with the one shown, no others', () => {
  const v = (id: number, questions: unknown[]): VersionedSurvey => ({
    id,
    number: id,
    survey: survey(questions),
  });
  const base = v(3, [{ text: 'Colour?', choices: ['Red', 'Green'] }, { text: 'Taste?' }]);
  const sharesTaste = v(2, [{ text: 'Colour?', choices: ['Red', 'Blue'] }, { text: 'Taste?' }]);
  const sharesNothing = v(1, [
    { text: 'Colour?', choices: ['Red', 'Blue'] },
    { text: 'Size?', choices: ['S'] },
  ]);
  assert.deepEqual(
    versionsToAddUp(base, [base, sharesTaste, sharesNothing]).map((x) => x.id),
    [3, 2],
  );
  assert.deepEqual(
    versionsToAddUp(base, [base, sharesNothing]).map((x) => x.id),
    [3],
  );
});

/** A `pages:` file: page a (q1), page b behind q1 (q2 always, q3 behind its own condition). */
function paged(): Survey {
  return {
    slug: 'p',
    ...surveyFileSchema.parse({
      title: 'P',
      pages: [
        { id: 'a', questions: [{ id: 'q1', type: 'yesno', text: '1' }] },
        {
          id: 'b',
          showIf: { q: 'q1', is: 'yes' },
          questions: [
            { id: 'q2', type: 'yesno', text: '2' },
            { id: 'q3', type: 'yesno', text: '3', showIf: { q: 'q1', is: 'yes' } },
          ],
        },
      ],
    }),
  };
}

test('shown in a path survey: the question’s own rows, and its page as current unless it has a condition of its own; the classic flow keeps the question before', () => {
  const classic = survey([{ text: 'A' }, { text: 'B' }]);
  const versions: VersionedSurvey[] = [
    { id: 1, number: 1, survey: classic },
    { id: 2, number: 2, survey: paged() },
  ];
  assert.deepEqual(shownBy([{ versionId: 1, question: 1 }], versions), {
    reached: [{ versionId: 1, question: 0 }],
    current: [],
  });
  assert.deepEqual(shownBy([{ versionId: 2, question: 1 }], versions), {
    reached: [{ versionId: 2, question: 1 }],
    current: [{ versionId: 2, page: 1 }],
  });
  assert.deepEqual(shownBy([{ versionId: 2, question: 2 }], versions), {
    reached: [{ versionId: 2, question: 2 }],
    current: [],
  });
});

test('a page is counted by a question always asked on it; behind a condition is its own or its page’s', () => {
  const s = paged();
  const page = s.pages[1];
  assert.ok(page !== undefined);
  assert.deepEqual(pageTargetsOf(page, [{ id: 7, number: 1, survey: s }]), {
    targets: [{ versionId: 7, question: 1 }],
    current: [{ versionId: 7, page: 1 }],
  });
  assert.deepEqual(
    [0, 1, 2].map((q) => behindCondition(s, q)),
    [false, true, true],
  );
});
