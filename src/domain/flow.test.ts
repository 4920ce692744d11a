import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  beginProgress,
  canStart,
  decideBegin,
  guardComplete,
  guardQuestion,
  submitAnswer,
  type AnswerOutcome,
  type FieldErrors,
  type Progress,
} from './flow.js';
import { surveyFileSchema, type Survey } from './survey.js';
import { messages } from '../i18n/index.js';

const english = messages('en');

function survey(overrides: Partial<Record<string, unknown>> = {}): Survey {
  const definition = surveyFileSchema.parse({
    title: 'Test',
    questions: [
      { text: 'Q0' },
      { text: 'Q1', choices: ['A', 'B', 'C'] },
      { text: 'Q2', choices: ['x', 'y'], allowText: true },
    ],
    ...overrides,
  });
  return { slug: 'test', ...definition };
}

const at = (answered: number): Progress => ({ responseId: 7, answered });

function errorsOf(outcome: AnswerOutcome): FieldErrors {
  if (outcome.kind !== 'invalid')
    throw new assert.AssertionError({ message: `expected invalid, got ${outcome.kind}` });
  return outcome.errors;
}

describe('guardQuestion (the seed guard)', () => {
  test('sends a respondent with no progress to the start page', () => {
    assert.deepEqual(guardQuestion(survey(), undefined, 0), {
      kind: 'redirect',
      to: { page: 'start' },
    });
  });
  test('sends a respondent who answered everything to the completion page without a flash', () => {
    assert.deepEqual(guardQuestion(survey(), at(3), 1), {
      kind: 'redirect',
      to: { page: 'complete' },
    });
  });
  test('flashes the exact seed text and redirects to the current question when out of order', () => {
    assert.deepEqual(guardQuestion(survey(), at(1), 2), {
      kind: 'redirect',
      to: { page: 'question', qid: 1 },
      flash: 'Invalid question id: 2.',
    });
    assert.deepEqual(guardQuestion(survey(), at(2), 0), {
      kind: 'redirect',
      to: { page: 'question', qid: 2 },
      flash: 'Invalid question id: 0.',
    });
  });
  test('allows the current question', () => {
    assert.deepEqual(guardQuestion(survey(), at(0), 0), { kind: 'allow' });
    assert.deepEqual(guardQuestion(survey(), at(2), 2), { kind: 'allow' });
  });
});

describe('guardComplete', () => {
  test('applies the question guard before the last answer, without a flash', () => {
    assert.deepEqual(guardComplete(survey(), undefined), {
      kind: 'redirect',
      to: { page: 'start' },
    });
    assert.deepEqual(guardComplete(survey(), at(1)), {
      kind: 'redirect',
      to: { page: 'question', qid: 1 },
    });
  });
  test('allows the page once every question is answered', () => {
    assert.deepEqual(guardComplete(survey(), at(3)), { kind: 'allow' });
  });
});

describe('begin', () => {
  test('starts when there is no progress or the survey is unfinished', () => {
    assert.equal(decideBegin(survey(), undefined).kind, 'start');
    assert.equal(decideBegin(survey(), at(2)).kind, 'start');
    assert.deepEqual(beginProgress(42), { responseId: 42, answered: 0 });
  });
  test('refuses a retake of a completed survey unless allowRetake is set', () => {
    assert.deepEqual(decideBegin(survey(), at(3)), { kind: 'redirect', to: { page: 'complete' } });
    assert.equal(canStart(survey(), at(3)), false);
    assert.equal(decideBegin(survey({ allowRetake: true }), at(3)).kind, 'start');
    assert.equal(canStart(survey({ allowRetake: true }), at(3)), true);
  });
});

describe('submitAnswer', () => {
  test('records a valid answer and moves to the next question', () => {
    assert.deepEqual(submitAnswer(survey(), at(0), 0, { answer: 'Yes' }, english), {
      kind: 'record',
      answer: { question: 0, answer: 'Yes', comment: null },
      progress: { responseId: 7, answered: 1 },
      completes: false,
      to: { page: 'question', qid: 1 },
    });
  });
  test('completes after the last answer and keeps the comment', () => {
    assert.deepEqual(
      submitAnswer(survey(), at(2), 2, { answer: 'y', comment: 'because' }, english),
      {
        kind: 'record',
        answer: { question: 2, answer: 'y', comment: 'because' },
        progress: { responseId: 7, answered: 3 },
        completes: true,
        to: { page: 'complete' },
      },
    );
  });
  test('checks progress before the answer: stale posts redirect even when the answer is invalid', () => {
    assert.deepEqual(submitAnswer(survey(), undefined, 0, {}, english), {
      kind: 'redirect',
      to: { page: 'start' },
    });
    assert.deepEqual(submitAnswer(survey(), at(3), 2, {}, english), {
      kind: 'redirect',
      to: { page: 'complete' },
    });
    assert.deepEqual(submitAnswer(survey(), at(1), 0, { answer: 'nonsense' }, english), {
      kind: 'redirect',
      to: { page: 'question', qid: 1 },
    });
  });
  test('rejects a missing, empty, repeated or unknown answer', () => {
    for (const body of [{}, { answer: '' }, undefined, null]) {
      assert.equal(
        errorsOf(submitAnswer(survey(), at(0), 0, body, english)).answer,
        'Please choose an answer.',
      );
    }
    const repeated = submitAnswer(survey(), at(0), 0, { answer: ['Yes', 'No'] }, english);
    assert.equal(
      repeated.kind === 'invalid' && repeated.errors.answer,
      'Please choose exactly one answer.',
    );
    const unknown = submitAnswer(survey(), at(1), 1, { answer: 'D' }, english);
    assert.deepEqual(unknown, {
      kind: 'invalid',
      errors: { answer: 'Please choose one of the listed answers.' },
      values: { answer: 'D' },
    });
  });
  test('matches choices exactly: no trimming, no case folding', () => {
    for (const answer of [' A', 'A ', 'a', 'yes']) {
      assert.equal(submitAnswer(survey(), at(1), 1, { answer }, english).kind, 'invalid', answer);
    }
  });
  test('accepts a comment of 2,000 characters and rejects 2,001', () => {
    assert.equal(
      submitAnswer(survey(), at(2), 2, { answer: 'x', comment: 'c'.repeat(2000) }, english).kind,
      'record',
    );
    const long = errorsOf(
      submitAnswer(survey(), at(2), 2, { answer: 'x', comment: 'c'.repeat(2001) }, english),
    );
    assert.match(long.comment ?? '', /too long: 2,001 characters, at most 2,000/);
  });
  test('rejects a comment holding a NUL character, which PostgreSQL cannot store', () => {
    const nul = errorsOf(
      submitAnswer(survey(), at(2), 2, { answer: 'x', comment: 'a\u0000b' }, english),
    );
    assert.match(nul.comment ?? '', /cannot be stored/);
  });
  test('counts an emoji as one character', () => {
    assert.equal(
      submitAnswer(survey(), at(2), 2, { answer: 'x', comment: '😀'.repeat(2000) }, english).kind,
      'record',
    );
  });
  test('ignores a comment on a question that does not ask for one, and stores an empty box as null', () => {
    const outcome = submitAnswer(survey(), at(0), 0, { answer: 'No', comment: 'sneaky' }, english);
    assert.equal(outcome.kind === 'record' && outcome.answer.comment, null);
    const empty = submitAnswer(survey(), at(2), 2, { answer: 'x', comment: '' }, english);
    assert.equal(empty.kind === 'record' && empty.answer.comment, null);
  });
});
