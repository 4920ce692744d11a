import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadSurveyDirectory, type Survey } from '../../domain/index.js';
import { renderDocument, type DocumentOptions } from '../layout.js';
import { questionDocument, questionPage, type QuestionPageInput } from './question.js';

const { surveys } = await loadSurveyDirectory(
  fileURLToPath(new URL('../../../surveys', import.meta.url)),
);
const plain: DocumentOptions = { notices: [], stylesheet: '/static/canvass.test.css' };

/** What the uncached page is, in UTF-8: the reference the cached one must equal byte for byte. */
const rendered = (input: QuestionPageInput, options: DocumentOptions) =>
  Buffer.from(renderDocument(questionPage(input), options));

test('the cached question page is the rendered one, for every question and any token', () => {
  assert.ok(surveys.length > 0);
  fc.assert(
    fc.property(
      fc.constantFrom(...surveys),
      fc.nat(),
      // Canvass's own tokens (base64url, copied as they are) and any other text (escaped).
      fc.oneof(fc.stringMatching(/^[\w-]{0,40}$/), fc.string({ maxLength: 40 })),
      (survey, n, csrf) => {
        const qid = n % survey.questions.length;
        const question = survey.questions[qid];
        assert.ok(question);
        const input = { survey, qid, question, csrf };
        // Twice: the first call fills the cache, the second reads it.
        assert.deepEqual(questionDocument(input, plain), rendered(input, plain));
        assert.deepEqual(questionDocument(input, plain), rendered(input, plain));
      },
    ),
    { numRuns: process.env.CI ? 1000 : 200 },
  );
});

test('notices, errors and another stylesheet all give the rendered page', () => {
  const survey = surveys[0] as Survey;
  const question = survey.questions[0];
  assert.ok(question);
  const input = { survey, qid: 0, question, csrf: 'token' };
  const withNotice = { ...plain, notices: [{ category: 'error', message: 'Careful <b>' }] };
  assert.deepEqual(questionDocument(input, withNotice), rendered(input, withNotice));
  const invalid = { ...input, errors: { answer: 'Choose one' }, values: { answer: 'x' } };
  assert.deepEqual(questionDocument(invalid, plain), rendered(invalid, plain));
  const other = { ...plain, stylesheet: '/static/other.css' };
  assert.deepEqual(questionDocument(input, plain), rendered(input, plain));
  assert.deepEqual(questionDocument(input, other), rendered(input, other));
});

test('a survey whose text holds the token marker is rendered, not cut in the wrong place', () => {
  const base = surveys[0] as Survey;
  const first = base.questions[0];
  assert.ok(first);
  const question = { ...first, text: 'Odd \u0000csrf\u0000 text' };
  const survey = { ...base, questions: [question, ...base.questions.slice(1)] };
  const input = { survey, qid: 0, question, csrf: 'token' };
  assert.deepEqual(questionDocument(input, plain), rendered(input, plain));
  assert.ok(questionDocument(input, plain).toString().includes('value="token"'));
});

test('an allowResume page is cached with its resume offer, the token in both forms', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...surveys),
      fc.nat(),
      fc.oneof(fc.stringMatching(/^[\w-]{0,40}$/), fc.string({ maxLength: 40 })),
      (base, n, csrf) => {
        const survey = { ...base, allowResume: true };
        const qid = n % survey.questions.length;
        const question = survey.questions[qid];
        assert.ok(question);
        const input = { survey, qid, question, csrf };
        assert.deepEqual(questionDocument(input, plain), rendered(input, plain));
        assert.deepEqual(questionDocument(input, plain), rendered(input, plain));
      },
    ),
    { numRuns: 100 },
  );
  const survey = { ...(surveys[0] as Survey), allowResume: true };
  const question = survey.questions[0];
  assert.ok(question);
  const page = questionDocument({ survey, qid: 0, question, csrf: 'tok' }, plain).toString();
  assert.equal(page.split('name="_csrf" value="tok"').length, 3);
  assert.match(page, /action="\/surveys\/[a-z-]+\/resume-link"/);
  const without = { ...survey, allowResume: false };
  const plainPage = questionDocument({ survey: without, qid: 0, question, csrf: 'tok' }, plain);
  assert.doesNotMatch(plainPage.toString(), /resume-link/);
});
