import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { surveyFileSchema } from './survey.js';
import {
  formatSurveyFileError,
  loadSurveyDirectory,
  parseSurveyText,
  readSurveyDirectory,
} from './survey-files.js';
import { canonicalDefinition, definitionHash, surveyFromDefinition } from './versions.js';

const samples = fileURLToPath(new URL('../../surveys', import.meta.url));

/** A format-1 question as the format-2 schema validates it: every default written out. */
function choiceQuestion(id: string, text: string, choices: string[], allowText: boolean) {
  return {
    id,
    type: 'choice',
    text,
    choices: choices.map((c) => ({ id: c, text: c })),
    other: false,
    shuffle: false,
    allowText,
    required: true,
  };
}

/** The model's keys for a `questions:` file of one question: one page, no paths. */
const onePage = {
  allowBack: false,
  listed: true,
  timestamps: 'exact',
  pages: [{ index: 0, id: 'q1', questions: [0] }],
  layout: 'questions',
};

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-surveys-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('survey files', () => {
  test('the built-in samples are the two classic flask-survey surveys, the course evaluation, the engagement survey and the canteen survey in three languages', async () => {
    const { surveys, errors } = await loadSurveyDirectory(samples);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      surveys.map((s) => [s.slug, s.title, s.questions.length]),
      [
        ['canteen', 'Canteen', 3],
        ['course-evaluation', 'Course Evaluation', 15],
        ['engagement', 'Employee Engagement', 8],
        ['personality', 'Rithm Personality Test', 4],
        ['satisfaction', 'Customer Satisfaction Survey', 4],
      ],
    );
    const satisfaction = surveys.find((s) => s.slug === 'satisfaction');
    assert.deepEqual(
      satisfaction?.questions[0],
      choiceQuestion('q1', 'Have you shopped here before?', ['Yes', 'No'], false),
    );
    assert.equal(satisfaction.allowRetake, false);
  });

  test('reads YAML, YML and JSON, and fills the defaults', async () => {
    const dir = dirWith({
      'a.yaml': 'title: A\nquestions: [{text: Q}]\n',
      'b.yml':
        'title: B\nallowRetake: true\nquestions: [{text: Q, choices: [x], allowText: true}]\n',
      'c-1.json': JSON.stringify({ title: 'C', instructions: 'Go', questions: [{ text: 'Q' }] }),
      'README.md': 'not a survey',
    });
    const { surveys, errors } = await loadSurveyDirectory(dir);
    assert.deepEqual(errors, []);
    assert.deepEqual(surveys, [
      {
        slug: 'a',
        title: 'A',
        instructions: '',
        allowRetake: false,
        allowResume: false,
        questions: [choiceQuestion('q1', 'Q', ['Yes', 'No'], false)],
        hidden: [],
        ...onePage,
      },
      {
        slug: 'b',
        title: 'B',
        instructions: '',
        allowRetake: true,
        allowResume: false,
        questions: [choiceQuestion('q1', 'Q', ['x'], true)],
        hidden: [],
        ...onePage,
      },
      {
        slug: 'c-1',
        title: 'C',
        instructions: 'Go',
        allowRetake: false,
        allowResume: false,
        questions: [choiceQuestion('q1', 'Q', ['Yes', 'No'], false)],
        hidden: [],
        ...onePage,
      },
    ]);
  });

  test('names the file, the field path and the problem', async () => {
    const dir = dirWith({
      'bad.yaml':
        'title: Bad\nquestions:\n  - text: ok\n  - text: Q\n    choices: [a, a]\n  - text: "   "\n    colour: red\n',
    });
    const { surveys, errors } = await loadSurveyDirectory(dir);
    assert.equal(surveys.length, 0);
    const lines = errors.map(formatSurveyFileError);
    assert.ok(
      lines.every((line) => line.startsWith(join(dir, 'bad.yaml') + ': ')),
      lines.join('\n'),
    );
    // Plain words with the question's position and line (issue 14 item 7).
    assert.ok(
      lines.some((line) =>
        line.endsWith(
          ': questions[1].choices: question 2 (id: q2), line 5: choices must be different: "a" appears twice',
        ),
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) =>
        line.endsWith(': questions[2].text: question 3 (id: q3), line 6: text must not be blank'),
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => line.includes(': questions[2]: ') && line.includes('colour')),
      lines.join('\n'),
    );
  });

  test('reports syntax errors, bad slugs, duplicate slugs and an empty directory', async () => {
    const dir = dirWith({
      'broken.json': '{"title": ',
      'broken2.yaml': 'title: [unclosed\n',
      'Bad_Slug.yaml': 'title: A\nquestions: [{text: Q}]\n',
      'dup.yaml': 'title: A\nquestions: [{text: Q}]\n',
      'dup.json': '{"title": "A", "questions": [{"text": "Q"}]}',
    });
    const lines = (await loadSurveyDirectory(dir)).errors.map(formatSurveyFileError);
    assert.ok(
      lines.some((l) => l.includes('broken.json: invalid JSON')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l.includes('broken2.yaml: invalid YAML')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l.includes('Bad_Slug.yaml: the file name must be SLUG.yaml')),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l.includes('dup.yaml: the slug "dup" is already used by')),
      lines.join('\n'),
    );
    const empty = await loadSurveyDirectory(dirWith({}));
    assert.match(
      formatSurveyFileError(empty.errors[0] ?? { file: '', path: '', message: '' }),
      /no survey files/,
    );
    const missing = await loadSurveyDirectory(join(tmpdir(), 'no-such-canvass-dir'));
    assert.match(missing.errors[0]?.message ?? '', /no such directory/);
  });

  test('requires a title and at least one question', () => {
    const result = parseSurveyText('instructions: none\nquestions: []\n', 'yaml');
    if (result.ok) assert.fail('an empty survey must not parse');
    const paths = result.errors.map((e) => e.path);
    assert.deepEqual(paths.sort(), ['questions', 'title']);
  });
});

test('listed: true is the default and leaves the hash alone; listed: false is kept in the stored definition', () => {
  const plain = { title: 'T', questions: [{ text: 'Q?' }] };
  const hash = (data: unknown) => definitionHash(canonicalDefinition(surveyFileSchema.parse(data)));
  assert.equal(hash({ ...plain, listed: true }), hash(plain));
  assert.notEqual(hash({ ...plain, listed: false }), hash(plain));
  const hidden = surveyFileSchema.parse({ ...plain, listed: false });
  assert.equal(surveyFromDefinition('t', canonicalDefinition(hidden))?.listed, false);
  assert.equal(surveyFileSchema.parse(plain).listed, true);
  const wrong = surveyFileSchema.safeParse({ ...plain, listed: 'no' });
  assert.equal(wrong.error?.issues[0]?.message, 'listed must be true or false');
});

test('timestamps: exact is the default and leaves the hash alone; day is kept in the stored definition', () => {
  const plain = { title: 'T', questions: [{ text: 'Q?' }] };
  const hash = (data: unknown) => definitionHash(canonicalDefinition(surveyFileSchema.parse(data)));
  assert.equal(hash({ ...plain, timestamps: 'exact' }), hash(plain));
  assert.notEqual(hash({ ...plain, timestamps: 'day' }), hash(plain));
  const daily = surveyFileSchema.parse({ ...plain, timestamps: 'day' });
  assert.equal(surveyFromDefinition('t', canonicalDefinition(daily))?.timestamps, 'day');
  const wrong = surveyFileSchema.safeParse({ ...plain, timestamps: 'hour' });
  assert.equal(wrong.error?.issues[0]?.message, 'timestamps must be exact or day');
});

test('readSurveyDirectory reads an empty directory as every survey removed, and names the slugs of invalid files', async () => {
  assert.deepEqual(await readSurveyDirectory(dirWith({})), {
    kind: 'read',
    surveys: [],
    errors: [],
    invalid: [],
  });
  const read = await readSurveyDirectory(
    dirWith({ 'a.yaml': 'title: A\nquestions: [{text: Q}]\n', 'b.yaml': 'title: [\n' }),
  );
  assert.equal(read.kind, 'read');
  assert.deepEqual(
    read.surveys.map((s) => s.slug),
    ['a'],
  );
  assert.deepEqual(read.invalid, ['b']);
  assert.equal(read.errors.length, 1);
  const missing = await readSurveyDirectory(join(tmpdir(), 'canvass-no-such-directory'));
  assert.equal(missing.kind, 'unreadable');
});
