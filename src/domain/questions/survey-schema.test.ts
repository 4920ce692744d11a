import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem, parseQuestionsSurvey } from './problems.js';
import { canonicalSurvey } from './survey-schema.js';

const problemsOf = (data: unknown) => {
  const result = parseQuestionsSurvey(data);
  if (result.ok) assert.fail('expected the file to be refused');
  return result.problems.map((p) => formatProblem('s.yaml', p));
};

test('reads a format-1 question as a required choice question with [Yes, No] and an id by position', () => {
  const result = parseQuestionsSurvey({
    title: 'T',
    questions: [{ text: 'A?' }, { text: 'B?', allowText: true }],
  });
  assert.ok(result.ok);
  assert.deepEqual(result.survey, {
    title: 'T',
    instructions: '',
    allowRetake: false,
    allowResume: false,
    questions: [
      {
        id: 'q1',
        type: 'choice',
        text: 'A?',
        choices: [
          { id: 'Yes', text: 'Yes' },
          { id: 'No', text: 'No' },
        ],
        other: false,
        shuffle: false,
        allowText: false,
        required: true,
      },
      {
        id: 'q2',
        type: 'choice',
        text: 'B?',
        choices: [
          { id: 'Yes', text: 'Yes' },
          { id: 'No', text: 'No' },
        ],
        other: false,
        shuffle: false,
        allowText: true,
        required: true,
      },
    ],
    hidden: [],
    allowBack: false,
    listed: true,
    timestamps: 'exact',
    pages: [
      { index: 0, id: 'q1', questions: [0] },
      { index: 1, id: 'q2', questions: [1] },
    ],
    layout: 'questions',
  });
});

test('keeps ids written in the file and numbers the others by their position', () => {
  const result = parseQuestionsSurvey({
    title: 'T',
    questions: [{ text: 'A?' }, { id: 'tenure', type: 'number', text: 'Years?' }, { text: 'C?' }],
  });
  assert.ok(result.ok);
  assert.deepEqual(
    result.survey.questions.map((q) => q.id),
    ['q1', 'tenure', 'q3'],
  );
});

test('refuses two questions with the same id, naming both positions', () => {
  assert.deepEqual(
    problemsOf({ title: 'T', questions: [{ text: 'A?', id: 'q2' }, { text: 'B?' }] }),
    [
      's.yaml: questions[1].id: question 2 (id: q2): id "q2" (its id by position) is already used by question 1: ids must be different',
    ],
  );
});

test('suggests the key meant by a near miss', () => {
  assert.deepEqual(
    problemsOf({
      title: 'T',
      questions: [{ text: 'A?' }, { text: 'B?' }, { id: 'tenure', text: 'C?', choises: ['a'] }],
    }),
    [
      's.yaml: questions[2]: question 3 (id: tenure): unknown key "choises" — did you mean "choices"?',
    ],
  );
  assert.deepEqual(problemsOf({ title: 'T', questoins: [], questions: [{ text: 'A?' }] }), [
    's.yaml: unknown key "questoins" — did you mean "questions"?',
  ]);
});

test('suggests the type meant by a near miss and lists the types otherwise', () => {
  assert.deepEqual(problemsOf({ title: 'T', questions: [{ type: 'rateing', text: 'A?' }] }), [
    's.yaml: questions[0].type: question 1 (id: q1): unknown type "rateing" — did you mean "rating"?',
  ]);
  const [message] = problemsOf({ title: 'T', questions: [{ type: 'slider', text: 'A?' }] });
  assert.match(
    message ?? '',
    /unknown type "slider" — it must be one of choice, dropdown, yesno, multi/,
  );
});

test('says in plain words what is wrong with a setting', () => {
  assert.deepEqual(
    problemsOf({ title: 'T', questions: [{ text: 'A?', choices: ['Yes', 'Yes'] }] }),
    [
      's.yaml: questions[0].choices: question 1 (id: q1): choices must be different: "Yes" appears twice',
    ],
  );
  assert.deepEqual(
    problemsOf({ title: 'T', questions: [{ type: 'rating', text: 'A?', scale: 11 }] }),
    ['s.yaml: questions[0].scale: question 1 (id: q1): rating scale must be between 3 and 10'],
  );
  assert.deepEqual(problemsOf({ questions: [{ text: 'A?' }] }), [
    's.yaml: title: title is required',
  ]);
  assert.deepEqual(problemsOf({ title: 'T', questions: [{ type: 'yesno' }] }), [
    's.yaml: questions[0].text: question 1 (id: q1): text is required',
  ]);
  assert.deepEqual(problemsOf({ title: 'T', questions: [{ id: 'Bad id', text: 'A?' }] }), [
    's.yaml: questions[0].id: question 1 (id: Bad id): id must start with a small letter and have only a–z, 0–9 and _ (at most 40 characters)',
  ]);
});

test('refuses what format 1 refused: no questions, a blank text, choices out of range', () => {
  problemsOf({ title: 'T', questions: [] });
  problemsOf({ title: 'T', questions: [{ text: '  ' }] });
  problemsOf({ title: 'T', questions: [{ text: 'A?', choices: [] }] });
  problemsOf({
    title: 'T',
    questions: [{ text: 'A?', choices: Array.from({ length: 51 }, (_, i) => `c${i}`) }],
  });
  problemsOf({ title: 'T', questions: [{ text: 'A?', extra: 1 }] });
});

test('checks the settings of each kind against each other', () => {
  const refused = [
    { type: 'multi', text: 'A', choices: ['a', 'b'], min: 3, max: 2 },
    { type: 'text', text: 'A', min: 10, max: 5 },
    { type: 'number', text: 'A', min: 10, max: 5 },
    { type: 'date', text: 'A', min: '2024-02-30' },
    { type: 'date', text: 'A', min: '2025-01-01', max: '2024-01-01' },
    { type: 'ranking', text: 'A', choices: ['a', 'b'], top: 3 },
    { type: 'grid', text: 'A', rows: ['r'], columns: ['only one'] },
    { type: 'dropdown', text: 'A' },
    { type: 'statement', text: 'A', required: false },
  ];
  for (const question of refused) problemsOf({ title: 'T', questions: [question] });
  const accepted = parseQuestionsSurvey({
    title: 'T',
    questions: [
      { type: 'date', text: 'A', max: 'today' },
      { type: 'dropdown', text: 'A', choices: Array.from({ length: 500 }, (_, i) => `c${i}`) },
    ],
  });
  assert.ok(accepted.ok);
});

test('refuses two choices with the same text even when their ids differ', () => {
  assert.deepEqual(
    problemsOf({
      title: 'T',
      questions: [{ text: 'A?', choices: [{ id: 'x', text: 'Yes' }, 'Yes'] }],
    }),
    [
      's.yaml: questions[0].choices: question 1 (id: q1): choices must be different: "Yes" appears twice',
    ],
  );
});

test('suggests near misses inside nested settings too, and nothing for a wild guess', () => {
  assert.deepEqual(
    problemsOf({ title: 'T', questions: [{ type: 'rating', text: 'A?', labels: { lo: 'Bad' } }] }),
    ['s.yaml: questions[0].labels: question 1 (id: q1): unknown key "lo" — did you mean "low"?'],
  );
  assert.deepEqual(problemsOf({ title: 'T', questions: [{ text: 'A?', colour: 'red' }] }), [
    's.yaml: questions[0]: question 1 (id: q1): unknown key "colour"',
  ]);
});

test('reads hidden names and leaves an empty list out of the canonical form', () => {
  const plain = parseQuestionsSurvey({ title: 'T', questions: [{ text: 'A?' }] });
  const empty = parseQuestionsSurvey({ title: 'T', questions: [{ text: 'A?' }], hidden: [] });
  const named = parseQuestionsSurvey({
    title: 'T',
    questions: [{ text: 'A?' }],
    hidden: ['source', 'team_2'],
  });
  assert.ok(plain.ok && empty.ok && named.ok);
  assert.deepEqual(plain.survey.hidden, []);
  assert.equal(canonicalSurvey(empty.survey), canonicalSurvey(plain.survey));
  assert.doesNotMatch(canonicalSurvey(plain.survey), /hidden/);
  assert.deepEqual(named.survey.hidden, ['source', 'team_2']);
  assert.match(canonicalSurvey(named.survey), /"hidden":\["source","team_2"\]\}$/);
});

test('refuses hidden names that are not names, repeated, or too many', () => {
  const base = { title: 'T', questions: [{ text: 'A?' }] };
  assert.deepEqual(problemsOf({ ...base, hidden: 'source' }), [
    's.yaml: hidden: hidden must be a list of names',
  ]);
  assert.deepEqual(problemsOf({ ...base, hidden: ['Source'] }), [
    's.yaml: hidden[0]: a hidden name must start with a small letter and have only a–z, 0–9 and _ (at most 40 characters)',
  ]);
  assert.deepEqual(problemsOf({ ...base, hidden: ['a', 'b', 'a'] }), [
    's.yaml: hidden[2]: hidden name "a" is listed twice: names must be different',
  ]);
  assert.deepEqual(problemsOf({ ...base, hidden: Array.from({ length: 21 }, (_, i) => `h${i}`) }), [
    's.yaml: hidden: hidden must have at most 20 names',
  ]);
});
