/**
 * Issue 14 item 2 over HTTP, kind by kind: the page renders the kind's input, every invalid
 * answer is a 422 with the message beside its field (linked by aria-describedby) and what the
 * respondent sent shown again, and a valid answer is stored and completes the survey.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { begin } from '../support/flow.js';
import type { StoredAnswer, StoredItem } from '../../src/storage/index.js';

/** Items in value order: their order in storage is not part of the contract. */
const byValue = (items: readonly StoredItem[] | undefined) =>
  items === undefined ? undefined : [...items].sort((a, b) => a.value.localeCompare(b.value));

let t: TestApp | undefined;
afterEach(() => t?.close());

type Fields = Record<string, string | string[]>;

interface Case {
  readonly question: Record<string, unknown>;
  /** A fragment the page must hold: the kind's input. */
  readonly input: RegExp;
  readonly invalid: Fields;
  /** The field the message belongs to, and the message. */
  readonly field: string;
  readonly message: string;
  /** Markup showing the posted value kept. */
  readonly kept: RegExp;
  readonly valid: Fields;
  /** What storage holds for the valid answer. */
  readonly stored: Omit<StoredAnswer, 'question' | 'comment' | 'answeredAt'>;
}

const CASES: Record<string, Case> = {
  choice: {
    question: { id: 'pet', text: 'Pet?', choices: ['Cat', 'Dog'], other: true },
    input: /<input type="radio" id="answer-0" name="answer" value="Cat"/,
    invalid: { answer: '_other', other: '' },
    field: 'other',
    message: 'Please say what &quot;Other&quot; is.',
    kept: /value="_other" checked/,
    valid: { answer: '_other', other: 'Axolotl' },
    stored: { answer: '', other: 'Axolotl' },
  },
  dropdown: {
    question: { text: 'City?', type: 'dropdown', choices: ['Oslo', 'Rome'] },
    input: /<select class="input" id="answer-0" name="answer"/,
    invalid: { answer: 'Paris' },
    field: 'answer',
    message: 'Please choose one of the listed answers.',
    kept: /name="answer" aria-describedby="answer-error" aria-invalid="true">/,
    valid: { answer: 'Rome' },
    stored: { answer: 'Rome' },
  },
  yesno: {
    question: { text: 'Ok?', type: 'yesno' },
    input: /name="answer" value="yes"/,
    invalid: { answer: 'maybe' },
    field: 'answer',
    message: 'Please choose one of the listed answers.',
    kept: /aria-invalid="true"/,
    valid: { answer: 'no' },
    stored: { answer: 'no' },
  },
  multi: {
    question: {
      text: 'Which?',
      type: 'multi',
      max: 2,
      choices: ['A', 'B', 'C', { text: 'None', exclusive: true }],
    },
    input: /<input type="checkbox" id="answer-0" name="answer" value="A"/,
    invalid: { answer: ['A', 'B', 'C'] },
    field: 'answer',
    message: 'Please choose at most 2 answers.',
    kept: /value="C" checked/,
    valid: { answer: ['A', 'C'] },
    stored: {
      answer: '',
      items: [
        { item: null, value: 'A', num: null },
        { item: null, value: 'C', num: null },
      ],
    },
  },
  text: {
    question: { text: 'Name?', type: 'text', max: 5 },
    input:
      /<input class="input" type="text" id="answer-0" name="answer"[^>]* maxlength="5" dir="auto"/,
    invalid: { answer: 'Too <long>' },
    field: 'answer',
    message: 'Your answer is too long: 10 characters, at most 5.',
    kept: /value="Too &lt;long&gt;"/,
    valid: { answer: 'Ada' },
    stored: { answer: 'Ada' },
  },
  longtext: {
    question: { text: 'Story?', type: 'longtext', min: 5 },
    input: /<textarea id="answer-0" name="answer"/,
    invalid: { answer: 'Hi' },
    field: 'answer',
    message: 'Your answer is too short: 2 characters, at least 5.',
    kept: />\nHi<\/textarea>/,
    valid: { answer: 'Once upon a time' },
    stored: { answer: 'Once upon a time' },
  },
  email: {
    question: { text: 'Email?', type: 'email' },
    input: /<input class="input" type="email" id="answer-0" name="answer"/,
    invalid: { answer: 'ada@' },
    field: 'answer',
    message: 'Please enter an email address, like name@example.com.',
    kept: /value="ada@"/,
    valid: { answer: 'ada@example.org' },
    stored: { answer: 'ada@example.org' },
  },
  number: {
    question: { text: 'Age?', type: 'number', min: 18, max: 120, integer: true, unit: 'years' },
    input: /type="number" id="answer-0" name="answer"[^>]* min="18" max="120" step="1"/,
    invalid: { answer: '12' },
    field: 'answer',
    message: 'Please enter a number of at least 18.',
    kept: /value="12"/,
    valid: { answer: '42' },
    stored: { answer: '42', num: 42 },
  },
  date: {
    question: { text: 'When?', type: 'date', min: '2026-01-01', max: '2026-12-31' },
    input: /type="date" id="answer-0" name="answer"[^>]* min="2026-01-01" max="2026-12-31"/,
    invalid: { answer: '2025-06-01' },
    field: 'answer',
    message: 'Please enter a date on or after 2026-01-01.',
    kept: /value="2025-06-01"/,
    valid: { answer: '2026-03-14' },
    stored: { answer: '2026-03-14', num: 20526 },
  },
  rating: {
    question: { text: 'Rate?', type: 'rating', scale: 4, labels: { low: 'Bad', high: 'Good' } },
    input: /name="answer" value="4"/,
    invalid: { answer: '5' },
    field: 'answer',
    message: 'Please choose one of 1 to 4.',
    kept: /aria-invalid="true"/,
    valid: { answer: '3' },
    stored: { answer: '3', num: 3 },
  },
  nps: {
    question: { text: 'Recommend?', type: 'nps' },
    input: /name="answer" value="10"/,
    invalid: { answer: '-1' },
    field: 'answer',
    message: 'Please choose one of 0 to 10.',
    kept: /aria-invalid="true"/,
    valid: { answer: '0' },
    stored: { answer: '0', num: 0 },
  },
  grid: {
    question: {
      text: 'Agree?',
      type: 'grid',
      rows: ['Speed', 'Price'],
      columns: [
        { id: 'no', text: 'No', value: 0 },
        { id: 'yes', text: 'Yes', value: 1 },
      ],
    },
    input: /name="answer.Speed" value="no"/,
    invalid: { 'answer.Speed': 'yes' },
    field: 'answer.Price',
    message: 'Please choose an answer for &quot;Price&quot;.',
    kept: /name="answer.Speed" value="yes" checked/,
    valid: { 'answer.Speed': 'yes', 'answer.Price': 'no' },
    stored: {
      answer: '',
      items: [
        { item: 'Speed', value: 'yes', num: 1 },
        { item: 'Price', value: 'no', num: 0 },
      ],
    },
  },
  ranking: {
    question: { text: 'Order?', type: 'ranking', choices: ['Tea', 'Coffee', 'Water'] },
    input: /<select class="input input-rank" id="answer.Tea-0" name="answer.Tea"/,
    invalid: { 'answer.Tea': '1', 'answer.Coffee': '1', 'answer.Water': '2' },
    field: 'answer.Coffee',
    message: 'Each rank can be given once: 1 is given more than once.',
    kept: /<option value="2" selected>/,
    valid: { 'answer.Tea': '2', 'answer.Coffee': '1', 'answer.Water': '3' },
    stored: {
      answer: '',
      items: [
        { item: 'Coffee', value: '1', num: 1 },
        { item: 'Tea', value: '2', num: 2 },
        { item: 'Water', value: '3', num: 3 },
      ],
    },
  },
  consent: {
    question: { text: 'Terms', type: 'consent', label: 'I agree to the terms' },
    input: /<input type="checkbox" id="answer-0" name="answer" value="yes"/,
    invalid: {},
    field: 'answer',
    message: 'Please tick the box to go on.',
    kept: /aria-invalid="true"/,
    valid: { answer: 'yes' },
    stored: { answer: 'yes' },
  },
};

describe('every question kind over HTTP', () => {
  for (const [kind, c] of Object.entries(CASES)) {
    test(`${kind}: renders, refuses a bad answer with 422 beside its field keeping it, stores a good one`, async () => {
      const survey = makeSurvey('kind', { title: 'Kind', questions: [c.question] });
      t = await startTestApp({ surveys: [survey] });
      const browser = t.browser();
      await begin(browser, 'kind');
      const page = await browser.get('/surveys/kind/questions/0');
      assert.equal(page.status, 200);
      assert.match(page.body, c.input);
      const refused = await browser.post('/surveys/kind/questions/0', c.invalid);
      assert.equal(refused.status, 422);
      const errorId = `${c.field}-error`;
      assert.ok(
        refused.body.includes(`<p id="${errorId}" class="field-error">${c.message}</p>`),
        refused.body,
      );
      assert.match(
        refused.body,
        new RegExp(`aria-describedby="[^"]*${errorId.replace('.', '\\.')}`),
      );
      assert.match(refused.body, /<div class="error-summary" role="alert"/);
      assert.match(refused.body, c.kept);
      const stored = await t.storage.listResponses('kind');
      assert.equal(stored[0]?.answers.length, 0, 'nothing stored for a refused answer');
      const accepted = await browser.post('/surveys/kind/questions/0', c.valid);
      assert.equal(accepted.status, 303);
      assert.equal(accepted.headers.location, '/surveys/kind/complete');
      const [response] = await t.storage.listResponses('kind');
      const answer = response?.answers[0];
      assert.ok(answer);
      const { question, answeredAt: _at, comment, ...values } = answer;
      assert.equal(question, 0);
      assert.equal(comment, null);
      assert.deepEqual(
        { ...values, items: byValue(values.items) },
        { ...c.stored, items: byValue(c.stored.items) },
      );
      assert.ok(response.completedAt);
    });
  }

  test('a statement is a page with nothing to answer: Next stores that it was seen', async () => {
    const survey = makeSurvey('kind', {
      title: 'Kind',
      questions: [{ type: 'statement', text: 'Welcome!', help: 'Read me' }, { text: 'Go?' }],
    });
    t = await startTestApp({ surveys: [survey] });
    const browser = t.browser();
    await begin(browser, 'kind');
    const page = await browser.get('/surveys/kind/questions/0');
    assert.match(page.body, /Welcome!/);
    assert.doesNotMatch(page.body, /name="answer"/);
    const next = await browser.post('/surveys/kind/questions/0', {});
    assert.equal(next.headers.location, '/surveys/kind/questions/1');
  });
});
