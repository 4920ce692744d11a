import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProblem, parseQuestionsSurvey } from './questions/problems.js';
import { canonicalSurvey, isFormat1 } from './questions/survey-schema.js';
import type { Survey } from './survey.js';
import {
  acceptsAnswers,
  availability,
  capOf,
  closedText,
  CLOSING_GRACE_MS,
  hasWindow,
  momentText,
} from './window.js';

const problemsOf = (data: unknown) => {
  const result = parseQuestionsSurvey(data);
  if (result.ok) assert.fail('expected the file to be refused');
  return result.problems.map((p) => formatProblem('s.yaml', p));
};

function makeSurveyFrom(data: unknown): Survey {
  const result = parseQuestionsSurvey(data);
  assert.ok(result.ok);
  return { slug: 'windowed', ...result.survey };
}

const base = { title: 'T', questions: [{ text: 'Q?' }] };
const OPENS = '2030-03-01T09:00:00+01:00';
const CLOSES = '2030-03-08T17:00:00Z';

test('opens after closes, or at the same moment, is refused naming both', () => {
  assert.deepEqual(problemsOf({ ...base, opens: '2030-03-09T00:00:00+01:00', closes: CLOSES }), [
    's.yaml: closes: closes (2030-03-08T17:00:00Z) must be after opens (2030-03-09T00:00:00+01:00)',
  ]);
  assert.equal(
    problemsOf({ ...base, opens: '2030-03-08T18:00:00+01:00', closes: CLOSES }).length,
    1,
  );
});

test('maxResponses of 0, a negative one or a fraction is refused', () => {
  for (const maxResponses of [0, -1, 2.5, '10']) {
    assert.deepEqual(problemsOf({ ...base, maxResponses }), [
      's.yaml: maxResponses: maxResponses must be a whole number of at least 1',
    ]);
  }
});

test('a date-time without an offset, a date alone or an impossible day is refused', () => {
  for (const opens of ['2030-03-01T09:00:00', '2030-03-01', '2030-02-30T09:00:00Z', 'soon']) {
    assert.deepEqual(problemsOf({ ...base, opens }), [
      's.yaml: opens: opens must be an ISO 8601 date and time with an offset, e.g. 2030-03-01T09:00:00+01:00',
    ]);
  }
  assert.deepEqual(problemsOf({ ...base, closedMessage: ' ' }), [
    's.yaml: closedMessage: closedMessage must not be blank',
  ]);
  assert.equal(problemsOf({ ...base, closedMessage: 'x'.repeat(1_001) }).length, 1);
});

test('the keys are written into the canonical form only when given, which makes it format 2', () => {
  const plain = parseQuestionsSurvey(base);
  assert.ok(plain.ok);
  assert.ok(isFormat1(plain.survey));
  const given = parseQuestionsSurvey({
    ...base,
    opens: OPENS,
    closes: CLOSES,
    maxResponses: 3,
    closedMessage: 'Bye',
  });
  assert.ok(given.ok);
  assert.ok(!isFormat1(given.survey));
  const written = JSON.parse(canonicalSurvey(given.survey)) as Record<string, unknown>;
  assert.deepEqual(
    { ...written, questions: undefined },
    {
      title: 'T',
      instructions: '',
      allowRetake: false,
      questions: undefined,
      opens: OPENS,
      closes: CLOSES,
      maxResponses: 3,
      closedMessage: 'Bye',
    },
  );
});

test('a survey is open from opens (inclusive) until closes (exclusive), and not when full', () => {
  const survey = makeSurveyFrom({ ...base, opens: OPENS, closes: CLOSES });
  const opens = Date.parse(OPENS);
  const closes = Date.parse(CLOSES);
  assert.ok(hasWindow(survey));
  assert.deepEqual(availability(survey, opens - 1, false), { kind: 'not-open-yet', opens: OPENS });
  assert.deepEqual(availability(survey, opens, false), { kind: 'open' });
  assert.deepEqual(availability(survey, opens, true), { kind: 'full' });
  assert.deepEqual(availability(survey, closes - 1, false), { kind: 'open' });
  assert.deepEqual(availability(survey, closes, true), { kind: 'closed' });
  assert.ok(acceptsAnswers(survey, closes + CLOSING_GRACE_MS - 1));
  assert.ok(!acceptsAnswers(survey, closes + CLOSING_GRACE_MS));
  const plain = makeSurveyFrom(base);
  assert.ok(!hasWindow(plain));
  assert.ok(acceptsAnswers(plain, 0));
  assert.equal(capOf(plain), undefined);
  assert.deepEqual(capOf(makeSurveyFrom({ ...base, maxResponses: 2 })), {
    survey: 'windowed',
    max: 2,
  });
});

test('the start page says why in the built-in words, or in closedMessage when there is one', () => {
  const survey = makeSurveyFrom(base);
  assert.equal(
    closedText(survey, { kind: 'not-open-yet', opens: OPENS }),
    'This survey is not open yet, it opens on 2030-03-01 at 09:00 (UTC+01:00).',
  );
  assert.equal(closedText(survey, { kind: 'closed' }), 'This survey is closed.');
  assert.equal(closedText(survey, { kind: 'full' }), 'This survey has all the responses it needs.');
  const own = makeSurveyFrom({ ...base, closedMessage: 'See you next year.' });
  assert.equal(closedText(own, { kind: 'full' }), 'See you next year.');
  assert.equal(momentText('2030-03-08T17:00:00.5Z'), '2030-03-08 at 17:00 (UTC)');
});
