import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usesPaths } from '../survey.js';
import { canonicalDefinition, definitionHash, surveyFromDefinition } from '../versions.js';
import { formatProblem, parseQuestionsSurvey } from './problems.js';
import { parseSurveySource } from './source.js';
import { isFormat1, questionsSurveySchema } from './survey-schema.js';

const problemsOf = (data: unknown) => {
  const result = parseQuestionsSurvey(data);
  if (result.ok) assert.fail('expected the file to be refused');
  return result.problems.map((p) => formatProblem('s.yaml', p));
};

const paged = {
  title: 'T',
  allowBack: true,
  thankYou: 'Thanks!',
  pages: [
    {
      id: 'about',
      title: 'About you',
      questions: [
        { id: 'role', choices: [{ id: 'dev', text: 'Developer' }, 'Manager'], text: 'Role?' },
        { type: 'yesno', text: 'Remote?' },
      ],
    },
    {
      id: 'dev',
      help: 'For developers',
      showIf: { q: 'role', is: 'dev' },
      questions: [
        { type: 'multi', text: 'Tools?', choices: ['git', 'vim'], showIf: { q: 'q2', is: 'yes' } },
        {
          type: 'rating',
          text: 'Happy?',
          endIf: { q: 'q4', lte: 2 },
          endText: 'Sorry to hear it.',
        },
      ],
    },
    { id: 'end', questions: [{ type: 'statement', text: 'Bye' }] },
  ],
};

test('a pages: file parses to one flat question list and its pages over it', () => {
  const survey = questionsSurveySchema.parse(paged);
  assert.equal(survey.layout, 'pages');
  assert.equal(survey.allowBack, true);
  assert.equal(survey.thankYou, 'Thanks!');
  assert.deepEqual(
    survey.questions.map((q) => q.id),
    ['role', 'q2', 'q3', 'q4', 'q5'],
  );
  assert.deepEqual(survey.pages, [
    { index: 0, id: 'about', title: 'About you', questions: [0, 1] },
    {
      index: 1,
      id: 'dev',
      help: 'For developers',
      showIf: { q: 'role', is: 'dev' },
      questions: [2, 3],
    },
    { index: 2, id: 'end', questions: [4] },
  ]);
  const rating = survey.questions[3];
  assert.ok(rating !== undefined);
  assert.deepEqual(rating.endIf, { q: 'q4', lte: 2 });
  assert.equal(rating.endText, 'Sorry to hear it.');
});

test('a questions: file has one page per question, named by the question', () => {
  const survey = questionsSurveySchema.parse({
    title: 'T',
    questions: [{ text: 'A?' }, { id: 'b', text: 'B?' }],
  });
  assert.equal(survey.layout, 'questions');
  assert.equal(survey.allowBack, false);
  assert.equal(survey.thankYou, undefined);
  assert.deepEqual(survey.pages, [
    { index: 0, id: 'q1', questions: [0] },
    { index: 1, id: 'b', questions: [1] },
  ]);
});

test('a pages: file round-trips through its stored definition to the same survey', () => {
  const survey = questionsSurveySchema.parse(paged);
  const stored = canonicalDefinition(survey);
  const written = JSON.parse(stored) as Record<string, unknown>;
  assert.deepEqual(Object.keys(written), [
    'title',
    'instructions',
    'allowRetake',
    'pages',
    'allowBack',
    'thankYou',
  ]);
  // Ids by position are left out, at their positions across pages.
  assert.deepEqual(
    (written.pages as { questions: { id?: string }[] }[]).map((p) => p.questions.map((q) => q.id)),
    [['role', undefined], [undefined, undefined], [undefined]],
  );
  assert.deepEqual(surveyFromDefinition('s', stored), { slug: 's', ...survey });
  assert.equal(canonicalDefinition(questionsSurveySchema.parse(written)), stored);
});

test('new keys at their default leave the hash alone; away from it they change it', () => {
  const plain = { title: 'T', questions: [{ text: 'Q?' }] };
  const hash = (data: unknown) =>
    definitionHash(canonicalDefinition(questionsSurveySchema.parse(data)));
  assert.equal(hash({ ...plain, allowBack: false }), hash(plain));
  const hashes = [
    plain,
    { ...plain, allowBack: true },
    { ...plain, thankYou: 'Bye' },
    { title: 'T', pages: [{ id: 'p', questions: [{ text: 'Q?' }] }] },
    { title: 'T', questions: [{ text: 'Q?', endIf: { q: 'q1', is: 'No' } }] },
  ].map(hash);
  assert.equal(new Set(hashes).size, hashes.length);
});

test('a file using any new key is not format 1', () => {
  const of = (data: unknown) => isFormat1(questionsSurveySchema.parse(data));
  assert.equal(of({ title: 'T', questions: [{ text: 'Q?' }], allowBack: false }), true);
  assert.equal(of({ title: 'T', questions: [{ text: 'Q?' }], allowBack: true }), false);
  assert.equal(of({ title: 'T', questions: [{ text: 'Q?' }], thankYou: 'Bye' }), false);
  assert.equal(of({ title: 'T', pages: [{ id: 'p', questions: [{ text: 'Q?' }] }] }), false);
  assert.equal(of({ title: 'T', questions: [{ text: 'Q?', endText: 'Bye' }] }), false);
  assert.equal(
    of({ title: 'T', questions: [{ text: 'Q?' }, { text: 'R?', showIf: { q: 'q1', is: 'Yes' } }] }),
    false,
  );
});

test('usesPaths: pages, a showIf or endIf anywhere, or allowBack', () => {
  const uses = (data: unknown) => usesPaths(questionsSurveySchema.parse(data));
  const q = [{ text: 'A?' }, { text: 'B?' }];
  assert.equal(uses({ title: 'T', questions: q }), false);
  assert.equal(uses({ title: 'T', questions: q, thankYou: 'Bye' }), false);
  assert.equal(uses({ title: 'T', questions: q, allowBack: true }), true);
  assert.equal(uses({ title: 'T', pages: [{ id: 'p', questions: q }] }), true);
  assert.equal(
    uses({
      title: 'T',
      questions: [{ text: 'A?' }, { text: 'B?', showIf: { q: 'q1', is: 'Yes' } }],
    }),
    true,
  );
  assert.equal(
    uses({ title: 'T', questions: [{ text: 'A?', endIf: { q: 'q1', is: 'No' } }] }),
    true,
  );
  assert.equal(
    uses({
      title: 'T',
      pages: [
        { id: 'a', questions: q },
        { id: 'b', showIf: { q: 'q1', is: 'Yes' }, questions: [{ text: 'C?' }] },
      ],
    }),
    true,
  );
});

test('usesPaths: a question text or help that pipes, in any of the survey’s languages', () => {
  const uses = (data: unknown) => usesPaths(questionsSurveySchema.parse(data));
  const name = { id: 'name', type: 'text', text: 'Name?' };
  const languages = ['en', 'fr'];
  assert.equal(uses({ title: 'T', questions: [name, { text: 'Hi {{q:name}}?' }] }), true);
  assert.equal(uses({ title: 'T', questions: [name, { text: 'Hi?', help: '{{q:name}}' }] }), true);
  assert.equal(
    uses({ title: 'T', languages, questions: [name, { text: { en: 'Hi?', fr: 'Salut ?' } }] }),
    false,
  );
  assert.equal(
    uses({
      title: 'T',
      languages,
      questions: [name, { text: { en: 'Hi?', fr: 'Salut {{q:name}} ?' } }],
    }),
    true,
  );
});

test('refuses a file with neither or both of questions and pages', () => {
  assert.deepEqual(problemsOf({ title: 'T' }), [
    's.yaml: questions: questions is required (or pages, for several questions a page)',
  ]);
  assert.deepEqual(
    problemsOf({
      title: 'T',
      questions: [{ text: 'A?' }],
      pages: [{ id: 'p', questions: [{ text: 'B?' }] }],
    }),
    ['s.yaml: pages: a file has questions or pages, not both'],
  );
});

test('refuses bad pages: no pages, an empty page, a bad or repeated page id, an unknown key', () => {
  assert.deepEqual(problemsOf({ title: 'T', pages: [] }), [
    's.yaml: pages: pages must have at least one page',
  ]);
  assert.deepEqual(problemsOf({ title: 'T', pages: [{ id: 'p', questions: [] }] }), [
    's.yaml: pages[0].questions: page 1 (id: p): a page must have at least one question',
  ]);
  assert.deepEqual(problemsOf({ title: 'T', pages: [{ questions: [{ text: 'A?' }] }] }), [
    's.yaml: pages[0].id: page 1: page id is required',
  ]);
  assert.deepEqual(
    problemsOf({ title: 'T', pages: [{ id: 'Page 1', questions: [{ text: 'A?' }] }] }),
    [
      's.yaml: pages[0].id: page 1 (id: Page 1): page id must start with a small letter and have only a–z, 0–9 and _ (at most 40 characters)',
    ],
  );
  assert.deepEqual(
    problemsOf({
      title: 'T',
      pages: [
        { id: 'p', questions: [{ text: 'A?' }] },
        { id: 'p', questions: [{ text: 'B?' }] },
      ],
    }),
    [
      's.yaml: pages[1].id: page 2 (id: p): page id "p" is already used by page 1: page ids must be different',
    ],
  );
  assert.deepEqual(
    problemsOf({ title: 'T', pages: [{ id: 'p', titel: 'x', questions: [{ text: 'A?' }] }] }),
    ['s.yaml: pages[0]: page 1 (id: p): unknown key "titel" — did you mean "title"?'],
  );
});

test('question ids are unique and numbered by position across pages', () => {
  assert.deepEqual(
    problemsOf({
      title: 'T',
      pages: [
        { id: 'a', questions: [{ text: 'A?' }, { text: 'B?' }] },
        {
          id: 'b',
          questions: [
            { id: 'q1', text: 'C?' },
            { text: 'D?', choices: [] },
          ],
        },
      ],
    }),
    [
      's.yaml: pages[1].questions[1].choices: question 4 (id: q4): choices must have at least 1 entry',
      's.yaml: pages[1].questions[0].id: question 3 (id: q1): id "q1" is already used by question 1: ids must be different',
    ],
  );
});

test('refuses more than 1,000 questions on all pages together', () => {
  const page = (id: string) => ({
    id,
    questions: Array.from({ length: 501 }, () => ({ text: 'Q?' })),
  });
  assert.deepEqual(problemsOf({ title: 'T', pages: [page('a'), page('b')] }), [
    's.yaml: pages: pages must have at most 1,000 questions in all (these have 1002)',
  ]);
});

test('refuses a bad allowBack, thankYou or endText', () => {
  assert.deepEqual(problemsOf({ title: 'T', questions: [{ text: 'A?' }], allowBack: 'yes' }), [
    's.yaml: allowBack: allowBack must be true or false',
  ]);
  assert.deepEqual(
    problemsOf({ title: 'T', questions: [{ text: 'A?' }], thankYou: 'x'.repeat(5_001) }),
    ['s.yaml: thankYou: thankYou must be at most 5,000 characters'],
  );
  assert.deepEqual(problemsOf({ title: 'T', questions: [{ text: 'A?', endText: 7 }] }), [
    's.yaml: questions[0].endText: question 1 (id: q1): endText must be text',
  ]);
});

test('a showIf may look only at earlier pages; an endIf also at its own page', () => {
  const file = (second: Record<string, unknown>, pageShowIf?: unknown) => ({
    title: 'T',
    pages: [
      { id: 'a', questions: [{ id: 'role', choices: ['dev', 'ops'], text: 'Role?' }] },
      {
        id: 'b',
        ...(pageShowIf === undefined ? {} : { showIf: pageShowIf }),
        questions: [
          { id: 'ok', type: 'yesno', text: 'Ok?' },
          { text: 'More?', ...second },
        ],
      },
      { id: 'c', questions: [{ id: 'late', type: 'yesno', text: 'Late?' }] },
    ],
  });
  assert.ok(
    parseQuestionsSurvey(file({ showIf: { q: 'role', is: 'dev' }, endIf: { q: 'ok', is: 'no' } }))
      .ok,
  );
  assert.deepEqual(problemsOf(file({ showIf: { q: 'ok', is: 'yes' } })), [
    's.yaml: pages[1].questions[1].showIf.q: question 3 (id: q3): question "ok" is not on an earlier page: a condition may only look at answers already given',
  ]);
  assert.deepEqual(problemsOf(file({ endIf: { q: 'late', is: 'yes' } })), [
    's.yaml: pages[1].questions[1].endIf.q: question 3 (id: q3): question "late" is not on an earlier page: a condition may only look at answers already given',
  ]);
  assert.deepEqual(
    problemsOf(
      file(
        {},
        {
          any: [
            { q: 'role', is: 'dev' },
            { q: 'ok', is: 'yes' },
          ],
        },
      ),
    ),
    [
      's.yaml: pages[1].showIf.any[1].q: page 2 (id: b): question "ok" is not on an earlier page: a condition may only look at answers already given',
    ],
  );
});

test('conditions name unknown questions, operators that do not fit, and choices that do not exist', () => {
  const questions = [
    { id: 'role', choices: ['dev', 'ops'], text: 'Role?' },
    { id: 'age', type: 'number', text: 'Age?', min: 16, max: 99 },
  ];
  const with_ = (condition: unknown) => ({
    title: 'T',
    questions: [...questions, { text: 'Q?', showIf: condition }],
  });
  assert.deepEqual(problemsOf(with_({ q: 'rol', is: 'dev' })), [
    's.yaml: questions[2].showIf.q: question 3 (id: q3): unknown question "rol" — did you mean "role"?',
  ]);
  assert.deepEqual(problemsOf(with_({ q: 'role', is: 'devv' })), [
    's.yaml: questions[2].showIf.is: question 3 (id: q3): "devv" is not a choice id of a choice question — did you mean "dev"?',
  ]);
  assert.deepEqual(problemsOf(with_({ q: 'age', has: 3 })), [
    's.yaml: questions[2].showIf.has: question 3 (id: q3): has does not fit a number question: use is, gt, gte, lt, lte, between, answered',
  ]);
  assert.deepEqual(problemsOf(with_({ q: 'age', gt: 120 })), [
    "s.yaml: questions[2].showIf.gt: question 3 (id: q3): 120 is outside a number question's range (16 to 99)",
  ]);
  // In a questions: file each question is its page: an endIf may test its own answer.
  assert.ok(
    parseQuestionsSurvey({
      title: 'T',
      questions: [{ id: 'a', text: 'A?', endIf: { q: 'a', is: 'No' } }],
    }).ok,
  );
  assert.deepEqual(
    problemsOf({ title: 'T', questions: [{ id: 'a', text: 'A?', showIf: { q: 'a', is: 'No' } }] }),
    [
      's.yaml: questions[0].showIf.q: question 1 (id: a): question "a" is not on an earlier page: a condition may only look at answers already given',
    ],
  );
});

test('hidden and lang tests are checked against what the survey declares', () => {
  assert.deepEqual(
    problemsOf({
      title: 'T',
      questions: [{ text: 'A?', showIf: { hidden: 'source', is: 'mail' } }],
    }),
    [
      's.yaml: questions[0].showIf.hidden: question 1 (id: q1): hidden "source" is not declared: list it under hidden',
    ],
  );
  assert.deepEqual(
    problemsOf({ title: 'T', questions: [{ text: 'A?', showIf: { lang: 'fr' } }] }),
    [
      's.yaml: questions[0].showIf.lang: question 1 (id: q1): lang needs the survey to list its languages',
    ],
  );
});

test('a condition problem in a YAML file carries its line', () => {
  const source = [
    'title: T',
    'pages:',
    '  - id: a',
    '    questions:',
    '      - id: role',
    '        text: Role?',
    '  - id: b',
    '    questions:',
    '      - text: More?',
    '        showIf:',
    '          q: rol',
    '          is: Yes',
    '',
  ].join('\n');
  const parsed = parseSurveySource(source, 'yaml');
  assert.ok(!parsed.ok);
  assert.deepEqual(
    parsed.problems.map((p) => formatProblem('s.yaml', p)),
    [
      's.yaml: pages[1].questions[0].showIf.q: question 2 (id: q2), line 11: unknown question "rol" — did you mean "role"?',
    ],
  );
});
