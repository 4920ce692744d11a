/** Helpers for the tests beside these modules; named `.test.ts` so the build leaves it out. */
import assert from 'node:assert/strict';
import { parseAnswer } from './answer.js';
import { singleQuestionNames, type FormFields } from './form.js';
import type { FieldErrors, ParseContext } from './kind.js';
import { parseQuestionsSurvey } from './problems.js';
import type { Kind, Question, QuestionOf, ValueOf } from './registry.js';
import { messages } from '../../i18n/index.js';

/** The fixed "today" of the tests' injected clock. */
export const TODAY = '2026-12-02';

export const ctx: ParseContext = {
  names: singleQuestionNames,
  today: () => TODAY,
  m: messages('en'),
};

/** One question of kind `type` as the survey schema validates it (id `q1`). */
export function question<K extends Kind>(
  type: K,
  keys: Record<string, unknown> = {},
): QuestionOf<K> {
  const result = parseQuestionsSurvey({ title: 'T', questions: [{ type, text: 'Q', ...keys }] });
  if (!result.ok) assert.fail(result.problems.map((p) => p.message).join('; '));
  const [q] = result.survey.questions;
  assert.equal(q?.type, type);
  return q as QuestionOf<K>;
}

/** The value a form gives, failing the test when it is refused. */
export function valueOf<Q extends Question>(q: Q, form: FormFields): ValueOf<Q['type']> | null {
  const parsed = parseAnswer(form, q, ctx);
  if (parsed.kind === 'invalid') assert.fail(JSON.stringify(parsed.errors));
  return parsed.answer.value;
}

/** The errors a form gives; checks too that every field of the question is kept as posted. */
export function errorsOf(q: Question, form: FormFields): FieldErrors {
  const parsed = parseAnswer(form, q, ctx);
  if (parsed.kind === 'answer')
    assert.fail(`expected errors, got ${JSON.stringify(parsed.answer)}`);
  const { csrf: _ignored, ...own } = form;
  assert.deepEqual(parsed.values, own);
  return parsed.errors;
}

/** One question of every kind, with the settings that switch on each figure. */
export const sampleQuestions: readonly Question[] = [
  question('choice', { other: true }),
  question('dropdown', { choices: ['a'], other: true }),
  question('yesno'),
  question('multi', { choices: ['a'], other: true }),
  question('text'),
  question('longtext'),
  question('email'),
  question('number'),
  question('date'),
  question('rating'),
  question('nps'),
  question('grid', { rows: ['r'], columns: [{ text: 'c', value: 1 }, 'd'] }),
  question('ranking', { choices: ['a', 'b'] }),
  question('consent'),
  question('statement'),
];
