import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem, parseQuestionsSurvey } from './problems.js';
import { canonicalSurvey } from './survey-schema.js';

const survey = (extra: Record<string, unknown>) => ({
  title: { en: 'Lunch', fr: 'Déjeuner', ar: 'الغداء' },
  languages: ['en', 'fr', 'ar'],
  questions: [
    {
      text: { en: 'Soup?', fr: 'Soupe ?', ar: 'حساء؟' },
      choices: [
        { en: 'Yes', fr: 'Oui', ar: 'نعم' },
        { id: 'no', text: { en: 'No', fr: 'Non', ar: 'لا' } },
      ],
    },
  ],
  ...extra,
});

function parsed(data: unknown) {
  const result = parseQuestionsSurvey(data);
  if (!result.ok) assert.fail(result.problems.map((p) => formatProblem('s.yaml', p)).join('\n'));
  return result.survey;
}

function problems(data: unknown): string[] {
  const result = parseQuestionsSurvey(data);
  if (result.ok) assert.fail('expected the file to be refused');
  return result.problems.map((p) => formatProblem('s.yaml', p));
}

test('texts given per language are one model in the first language, the rest beside it', () => {
  const s = parsed(survey({}));
  assert.equal(s.title, 'Lunch');
  assert.equal(s.questions[0]?.text, 'Soup?');
  const languages = s.languages;
  assert.ok(languages !== undefined);
  assert.deepEqual(languages.codes, ['en', 'fr', 'ar']);
  assert.equal(languages.text('Soup?', 'fr'), 'Soupe ?');
  assert.equal(languages.text('No', 'ar'), 'لا');
  // Answers are stored as ids: a bare choice's id is its first-language text.
  const q = s.questions[0] as { choices: { id: string }[] };
  assert.deepEqual(
    q.choices.map((c) => c.id),
    ['Yes', 'no'],
  );
});

test('the canonical form writes the maps back, so a stored version parses to the same survey', () => {
  const s = parsed(survey({}));
  const again = parsed(JSON.parse(canonicalSurvey(s)));
  assert.equal(canonicalSurvey(again), canonicalSurvey(s));
  assert.equal(again.languages?.text('Lunch', 'ar'), 'الغداء');
  assert.match(canonicalSurvey(s), /"languages":\["en","fr","ar"\]/);
});

test('a missing language is named with its field path', () => {
  const data = survey({});
  (data.questions[0] as Record<string, unknown>).text = { en: 'Soup?', fr: 'Soupe ?' };
  assert.deepEqual(problems(data), [
    's.yaml: questions[0].text.ar: question 1 (id: q1): the ar text is missing: every text given per language needs en, fr, ar',
  ]);
});

test('a map without languages is an error saying what to add', () => {
  const { languages: _, ...data } = survey({});
  assert.ok(
    problems(data).includes(
      's.yaml: title: a text given per language needs languages: at the top of the file, e.g. languages: [en, fr]',
    ),
  );
});

test('languages must be built-in codes, listed once', () => {
  assert.deepEqual(problems(survey({ languages: ['en', 'xx', 'en'] })).slice(0, 2), [
    's.yaml: languages[1]: "xx" is not a language Canvass has texts for: use one of en, fr, de, es, pt, ar',
    's.yaml: languages[2]: "en" is listed twice',
  ]);
  assert.match(
    problems(survey({ languages: 'en' }))[0] ?? '',
    /^s\.yaml: languages: languages must be a list/,
  );
});

test('a language the survey does not list is refused inside a map', () => {
  const data = survey({});
  data.title = { en: 'Lunch', fr: 'Déjeuner', ar: 'الغداء', de: 'Mittag' } as typeof data.title;
  assert.deepEqual(problems(data), [
    `s.yaml: title.de: "de" is not one of the survey's languages (en, fr, ar)`,
  ]);
});

test('a survey without languages keeps its canonical form', () => {
  const plain = parsed({ title: 'T', questions: [{ text: 'Q?' }] });
  assert.equal(plain.languages, undefined);
  assert.equal(
    canonicalSurvey(plain),
    '{"title":"T","instructions":"","allowRetake":false,"questions":[{"text":"Q?","choices":["Yes","No"],"allowText":false}]}',
  );
});
