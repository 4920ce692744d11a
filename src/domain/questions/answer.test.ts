import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { csvHeader, csvRow, jsonResponse } from '../exports.js';
import { answerFromRows, answerRows, parseAnswer, type Answer } from './answer.js';
import { csvCells, csvColumns, jsonAnswers } from './export.js';
import { prefixedNames } from './form.js';
import { parseQuestionsSurvey } from './problems.js';
import { isFormat1 } from './survey-schema.js';
import { ctx, question } from './fixtures.test.js';

test('a comment is read where allowText asks for one, with format 1 messages', () => {
  const q = question('choice', { allowText: true });
  assert.deepEqual(parseAnswer({ answer: 'Yes', comment: 'Because' }, q, ctx), {
    kind: 'answer',
    answer: { value: { kind: 'choice', id: 'Yes' }, comment: 'Because' },
  });
  assert.deepEqual(parseAnswer({ answer: 'Yes', comment: '' }, q, ctx), {
    kind: 'answer',
    answer: { value: { kind: 'choice', id: 'Yes' }, comment: null },
  });
  assert.deepEqual(parseAnswer({ comment: 'x'.repeat(2_001) }, q, ctx), {
    kind: 'invalid',
    errors: {
      answer: 'Please choose an answer.',
      comment: 'Your comment is too long: 2,001 characters, at most 2,000.',
    },
    values: { comment: 'x'.repeat(2_001) },
  });
  // Where no comment is asked for, a posted one is ignored (as today).
  const plain = question('choice');
  assert.deepEqual(parseAnswer({ answer: 'No', comment: 'hi' }, plain, ctx), {
    kind: 'answer',
    answer: { value: { kind: 'choice', id: 'No' }, comment: null },
  });
});

test('on a page of several questions the same code reads ID, ID.comment, ID.other and ID.ROW', () => {
  const names = prefixedNames('mood');
  const grid = question('grid', { rows: ['a'], columns: ['x', 'y'], allowText: true });
  assert.deepEqual(
    parseAnswer({ 'mood.a': 'y', 'mood.comment': 'ok', answer: 'x' }, grid, { ...ctx, names }),
    {
      kind: 'answer',
      answer: { value: [{ row: 'a', column: 'y' }], comment: 'ok' },
    },
  );
  const choice = question('choice', { other: true });
  const parsed = parseAnswer({ mood: '_other', 'mood.other': '', 'q2.other': 'not mine' }, choice, {
    ...ctx,
    names,
  });
  assert.deepEqual(parsed, {
    kind: 'invalid',
    errors: { 'mood.other': 'Please say what "Other" is.' },
    values: { mood: '_other', 'mood.other': '' },
  });
});

test('an answer is stored as its rows plus the comment, and read back', () => {
  const q = question('multi', { choices: ['A', 'B'], allowText: true });
  const answer = { value: { ids: ['B'] }, comment: 'hm' };
  const rows = answerRows(q, answer);
  assert.deepEqual(rows, [
    { role: 'answer', item: null, value: 'B', num: null },
    { role: 'comment', item: null, value: 'hm', num: null },
  ]);
  assert.deepEqual(answerFromRows(q, rows), answer);
  assert.deepEqual(answerFromRows(q, []), { value: null, comment: null });
});

test('a format-1 survey exports the same CSV columns and cells, and keeps its JSON keys', () => {
  const data = parseYaml(
    readFileSync(new URL('../../../surveys/personality.yaml', import.meta.url), 'utf8'),
  ) as unknown;
  const parsed = parseQuestionsSurvey(data);
  assert.ok(parsed.ok);
  const { questions } = parsed.survey;
  const survey = { slug: 'personality', ...parsed.survey };
  const stored = [
    { question: 0, answer: 'Yes', comment: null },
    { question: 1, answer: 'No', comment: null },
    { question: 2, answer: 'Hedgehogs', comment: null },
    { question: 3, answer: 'wtf()', comment: 'Says it all, =cmd' },
  ];
  const answers = new Map<string, Answer<unknown>>(
    stored.map((a) => [
      questions[a.question]?.id ?? '',
      { value: { kind: 'choice', id: a.answer }, comment: a.comment },
    ]),
  );
  const response = { id: 7, startedAt: 's', completedAt: 'c', answers: stored };
  // Byte for byte what format 1's exporter wrote for this response (taken from it at 8b6e275).
  assert.equal(
    csvHeader(survey),
    'id,started_at,completed_at,Do you ever dream about code?,Do you ever have nightmares about code?,Do you prefer porcupines or hedgehogs?,"Which is the worst function name, and why?","Which is the worst function name, and why? (comment)"\r\n',
  );
  assert.equal(csvRow(survey, response), '7,s,c,Yes,No,Hedgehogs,wtf(),"Says it all, =cmd"\r\n');
  const today = JSON.parse(
    '{"id":7,"startedAt":"s","completedAt":"c","answers":[{"question":"Do you ever dream about code?","answer":"Yes","comment":null},{"question":"Do you ever have nightmares about code?","answer":"No","comment":null},{"question":"Do you prefer porcupines or hedgehogs?","answer":"Hedgehogs","comment":null},{"question":"Which is the worst function name, and why?","answer":"wtf()","comment":"Says it all, =cmd"}]}',
  ) as { answers: Record<string, unknown>[] };
  const exported = JSON.parse(jsonResponse(survey, response)) as {
    answers: Record<string, unknown>[];
  };
  const next = jsonAnswers(questions, answers);
  // A format-1 survey's JSON keeps exactly today's keys: no `id` (SURVEYS.md §0).
  assert.equal(isFormat1(survey), true);
  assert.deepEqual(exported.answers, jsonAnswers(questions, answers, false));
  next.forEach((entry, i) => {
    for (const key of Object.keys(today.answers[i] ?? {})) {
      assert.deepEqual(
        (entry as unknown as Record<string, unknown>)[key],
        today.answers[i]?.[key],
        key,
      );
    }
  });
  assert.deepEqual(next[3], {
    id: 'q4',
    question: 'Which is the worst function name, and why?',
    answer: 'wtf()',
    comment: 'Says it all, =cmd',
  });
});

test('a survey using any format-2 key is not a format-1 survey', () => {
  const parse = (questions: unknown[]) => {
    const parsed = parseQuestionsSurvey({ title: 'T', questions });
    assert.ok(parsed.ok);
    return parsed.survey;
  };
  assert.equal(isFormat1(parse([{ text: 'Q', choices: ['A', 'B'], allowText: true }])), true);
  assert.equal(isFormat1(parse([{ text: 'Q', id: 'q1', type: 'choice', required: true }])), true);
  for (const extra of [
    { id: 'colour' },
    { type: 'yesno' },
    { required: false },
    { help: 'Small print' },
    { choices: [{ id: 'a', text: 'A' }] },
    { other: true },
  ]) {
    assert.equal(isFormat1(parse([{ text: 'Q', ...extra }])), false, JSON.stringify(extra));
  }
});

test('JSON answers leave out statements and pages not submitted, and give null for no answer', () => {
  const parsed = parseQuestionsSurvey({
    title: 'T',
    questions: [
      { type: 'statement', text: 'Hello' },
      { type: 'number', text: 'N', required: false },
      { type: 'text', text: 'Never reached' },
    ],
  });
  assert.ok(parsed.ok);
  const answers = new Map<string, Answer<unknown>>([
    ['q1', { value: null, comment: null }],
    ['q2', { value: null, comment: null }],
  ]);
  assert.deepEqual(jsonAnswers(parsed.survey.questions, answers), [
    { id: 'q2', question: 'N', answer: null, comment: null },
  ]);
  assert.deepEqual(csvColumns(parsed.survey.questions), ['N', 'Never reached']);
  assert.deepEqual(csvCells(parsed.survey.questions, answers), ['', '']);
});
