/**
 * Format 1 must not change (SURVEYS.md §0): for every question a format-1 file can write, the
 * renderer gives byte for byte what the question page rendered before it, and the error
 * summary too. The reference functions below are copied from src/views/pages/question.ts as
 * it was when the renderers were written, and must not be edited to make this test pass.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { formatCount, MAX_COMMENT_LENGTH } from '../../domain/index.js';
import { format1Schema, type Format1Survey } from '../../domain/questions/format1-oracle.test.js';
import {
  parseSurveySource,
  questionsSurveySchema,
  singleQuestionNames,
  type Question,
} from '../../domain/questions/index.js';
import { html, type SafeHtml } from '../html.js';
import { errorSummary, renderQuestion } from './index.js';

type Format1Question = Format1Survey['questions'][number];
interface Format1Errors {
  readonly answer?: string;
  readonly comment?: string;
}
interface AnswerFormValues {
  readonly answer?: string;
  readonly comment?: string;
}

// ---- reference: today's format-1 markup (copied, not imported) ----

function oldErrorSummary(errors: Format1Errors): SafeHtml {
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>There is a problem</h2><ul>${[
    errors.answer === undefined ? '' : html`<li><a href="#answer-0">${errors.answer}</a></li>`,
    errors.comment === undefined ? '' : html`<li><a href="#comment">${errors.comment}</a></li>`,
  ]}</ul></div>`;
}

function choices(
  question: Format1Question,
  error: string | undefined,
  chosen: string | undefined,
): SafeHtml {
  const invalid =
    error === undefined ? '' : html` aria-describedby="answer-error" aria-invalid="true"`;
  return html`<fieldset${invalid}>
<legend><h1>${question.text}</h1></legend>
${error === undefined ? '' : html`<p id="answer-error" class="field-error">${error}</p>`}
<div class="choices">${question.choices.map(
    (choice, i) =>
      html`<div class="choice"><input type="radio" id="answer-${i}" name="answer" value="${choice}"${chosen === choice ? ' checked' : ''}><label for="answer-${i}">${choice}</label></div>`,
  )}</div>
</fieldset>`;
}

function commentBox(error: string | undefined, value: string | undefined): SafeHtml {
  const invalid =
    error === undefined ? '' : html` aria-describedby="comment-error" aria-invalid="true"`;
  return html`<div class="comment">
<label for="comment">Tell us more <span class="optional">(optional, up to ${formatCount(MAX_COMMENT_LENGTH)} characters)</span></label>
${error === undefined ? '' : html`<p id="comment-error" class="field-error">${error}</p>`}
<textarea id="comment" name="comment" rows="4"${invalid}>${value ?? ''}</textarea>
</div>`;
}

/** What the old page template put between the CSRF field and the button. */
function oldBlock(q: Format1Question, errors: Format1Errors, values: AnswerFormValues): string {
  return `${choices(q, errors.answer, values.answer).value}\n${q.allowText ? commentBox(errors.comment, values.comment).value : ''}`;
}

// ---- the comparison ----

function newBlock(q: Question, errors: Format1Errors, values: AnswerFormValues): string {
  return renderQuestion(q, {
    names: singleQuestionNames,
    errors: { ...errors },
    values: { ...values },
    responseId: 7,
    heading: 'h1',
  }).value;
}

/** Errors and values as a 422 or Back would give them, including text that needs escaping. */
function situations(q: Format1Question): [Format1Errors, AnswerFormValues][] {
  const last = q.choices.at(-1) ?? '';
  return [
    [{}, {}],
    [{ answer: 'Please choose an answer.' }, {}],
    [{}, { answer: last }],
    [{}, { answer: last, comment: 'Fine & <dandy> "yes"' }],
    [{ answer: 'Please choose one of the listed answers.' }, { answer: 'not <listed>' }],
    [
      { comment: 'Your comment is too long: 2,001 characters, at most 2,000.' },
      { answer: last, comment: 'x'.repeat(30) },
    ],
    [
      { answer: 'Please choose exactly one answer.', comment: 'Please send one comment.' },
      { comment: "it's" },
    ],
  ];
}

const surveysDir = fileURLToPath(new URL('../../../surveys', import.meta.url));

/** Every question of the samples that format 1 could read, as format 1 and as format 2 read it. */
async function samples(): Promise<[Format1Question, Question][]> {
  const files = (await readdir(surveysDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const pairs = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(`${surveysDir}/${file}`, 'utf8');
      const old = format1Schema.safeParse(parseYaml(source));
      if (!old.success) return [];
      const parsed = parseSurveySource(source, 'yaml');
      assert.ok(parsed.ok, file);
      assert.equal(parsed.survey.questions.length, old.data.questions.length);
      return old.data.questions.map((q, j): [Format1Question, Question] => [
        q,
        parsed.survey.questions[j] as Question,
      ]);
    }),
  );
  assert.ok(pairs.filter((p) => p.length > 0).length >= 2, 'both classic samples are format 1');
  return pairs.flat();
}

test('every sample question renders byte for byte as the format-1 page did, with and without errors and values', async () => {
  const pairs = await samples();
  assert.ok(pairs.some(([q]) => q.allowText) && pairs.some(([q]) => !q.allowText));
  for (const [old, q] of pairs) {
    for (const [errors, values] of situations(old)) {
      assert.equal(newBlock(q, errors, values), oldBlock(old, errors, values));
    }
  }
});

test('the error summary of a format-1 page is the one it had, links #answer-0 and #comment included', () => {
  const order = [singleQuestionNames.answer, singleQuestionNames.comment];
  for (const errors of [
    { answer: 'Please choose an answer.' },
    { comment: 'Your comment <is> too long.' },
    { answer: 'Please choose exactly one answer.', comment: 'Please send one comment.' },
    { comment: 'Please send one comment.', answer: 'Please choose an answer.' },
  ]) {
    assert.equal(errorSummary(errors, order).value, oldErrorSummary(errors).value);
  }
});

const choiceText = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /\S/.test(s));

test('any question format 1 can write renders as the format-1 page did', () => {
  fc.assert(
    fc.property(
      choiceText,
      fc.uniqueArray(choiceText, { minLength: 1, maxLength: 6 }),
      fc.boolean(),
      fc.nat(),
      fc.option(choiceText, { nil: undefined }),
      (text, choiceList, allowText, pick, comment) => {
        const old: Format1Question = { text, choices: choiceList, allowText };
        const survey = questionsSurveySchema.parse({ title: 't', questions: [old] });
        const q = survey.questions[0] as Question;
        const answer = choiceList[pick % choiceList.length];
        const values = {
          ...(answer === undefined ? {} : { answer }),
          ...(comment === undefined ? {} : { comment }),
        };
        for (const errors of [{}, { answer: 'A <problem>' }, { comment: 'Too & long' }]) {
          assert.equal(newBlock(q, errors, values), oldBlock(old, errors, values));
        }
      },
    ),
    { numRuns: 200 },
  );
});
