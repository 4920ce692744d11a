import {
  singleQuestionNames,
  utcToday,
  type FieldErrors,
  type FormFields,
  type Question,
  type Survey,
} from '../../domain/index.js';
import { escapeHtml, html } from '../html.js';
import {
  errorSummary,
  fieldOrder,
  renderQuestion,
  type RenderContext,
} from '../questions/index.js';
import { renderDocument, type DocumentOptions, type Page } from '../layout.js';
import { csrfField, surveyPath } from './parts.js';

export interface QuestionPageInput {
  readonly survey: Survey;
  readonly qid: number;
  readonly question: Question;
  readonly csrf: string;
  /** The response being answered: the seed of `shuffle` (SURVEYS.md §2); 0 when none. */
  readonly responseId?: number;
  /** Today as `YYYY-MM-DD` (UTC), for `date` bounds written `today`; today's date by default. */
  readonly today?: string;
  readonly errors?: FieldErrors;
  readonly values?: FormFields;
}

/** `GET /surveys/:slug/questions/:qid`: one question, its choices, and the progress so far. */
export function questionPage({
  survey,
  qid,
  question,
  csrf,
  responseId = 0,
  today = utcToday(),
  errors = {},
  values = {},
}: QuestionPageInput): Page {
  const total = survey.questions.length;
  const position = `Question ${qid + 1} of ${total}`;
  // Honest progress: the bar shows answers given (the guard makes that `qid`), not this page.
  const answered = `${qid} of ${total} answered`;
  const hasErrors = Object.keys(errors).length > 0;
  const ctx: RenderContext = {
    names: singleQuestionNames,
    values,
    errors,
    responseId,
    heading: 'h1',
    today,
  };
  return {
    title: `${hasErrors ? 'Error: ' : ''}${position} · ${survey.title}`,
    body: html`<p class="survey-name">${survey.title}</p>
<div class="progress">
<p id="progress-label">${position}</p>
<progress aria-labelledby="progress-label" value="${qid}" max="${total}">${answered}</progress>
</div>
${hasErrors ? errorSummary(errors, fieldOrder(question, ctx)) : ''}
<form method="post" action="${surveyPath(survey.slug)}/questions/${qid}" class="question-form" novalidate>
${csrfField(csrf)}
${renderQuestion(question, ctx)}
<button type="submit" class="button button-primary">${qid + 1 === total ? 'Finish' : 'Next'}</button>
</form>
`,
  };
}

/**
 * Whether a question's page is the same for every respondent on every day: not when its order
 * is shuffled per response, nor when a date bound is `today`. Only such pages are cached.
 */
function sameForEveryone(q: Question): boolean {
  if ('shuffle' in q && q.shuffle) return false;
  return q.type !== 'date' || (q.min !== 'today' && q.max !== 'today');
}

/** Where the token goes in a cached page: no escaped text holds NUL next to these letters. */
const TOKEN_HOLE = '\u0000csrf\u0000';

/**
 * A question page's document as two halves around its CSRF token, for one survey version,
 * already UTF-8: the socket is then handed bytes, not a string to encode on every request.
 */
interface CachedDocument {
  readonly survey: Survey;
  readonly qid: number;
  readonly stylesheet: string;
  /** Undefined when the hole was not found exactly once (a survey text holding it). */
  readonly halves: readonly [Buffer, Buffer] | undefined;
}

/** Keyed by the question object, which belongs to one version of one survey. */
const cachedDocuments = new WeakMap<Question, CachedDocument>();

/**
 * The whole question page document in UTF-8, as `renderDocument(questionPage(input), options)`
 * makes it. A page without errors or notices differs from one respondent to the next only by
 * the CSRF token, so it is rendered once per question and version and the token put in its
 * place: the page most requests ask for costs a copy instead of a render and an encoding.
 */
export function questionDocument(input: QuestionPageInput, options: DocumentOptions): Buffer {
  const plain =
    input.errors === undefined &&
    input.values === undefined &&
    options.notices.length === 0 &&
    sameForEveryone(input.question);
  const halves = plain ? cachedHalves(input, options) : undefined;
  if (halves === undefined) return Buffer.from(renderDocument(questionPage(input), options));
  const [before, after] = halves;
  const token = input.csrf;
  const document = Buffer.allocUnsafe(before.length + token.length + after.length);
  // A token of URL-safe characters (as Canvass makes them) is its own HTML and its own UTF-8,
  // one byte a character: copied in place, with no escaping pass and no call into C++.
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (!isTokenCharacter(code)) return withToken(before, escapeHtml(token), after);
    document[before.length + i] = code;
  }
  before.copy(document, 0);
  after.copy(document, before.length + token.length);
  return document;
}

/** `[A-Za-z0-9_-]`: base64url, which needs no escaping in HTML. */
function isTokenCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x5f
  );
}

/** The document with any (escaped) token text between the halves. */
function withToken(before: Buffer, token: string, after: Buffer): Buffer {
  const tokenBytes = Buffer.byteLength(token);
  const document = Buffer.allocUnsafe(before.length + tokenBytes + after.length);
  before.copy(document, 0);
  document.write(token, before.length, tokenBytes);
  after.copy(document, before.length + tokenBytes);
  return document;
}

/**
 * `text` in UTF-8, in memory of its own. `Buffer.from` would carve a short text out of Node's
 * shared 8 KiB pool, and a cached half kept alive the whole slab it sat in, next to the
 * responses cut from it: a 1,000-question survey pinned megabytes that way.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/** The plain page's halves around its token, rendered on first use for this question. */
function cachedHalves(
  input: QuestionPageInput,
  options: DocumentOptions,
): CachedDocument['halves'] {
  const { survey, qid, question } = input;
  const cached = cachedDocuments.get(question);
  if (cached?.survey === survey && cached.qid === qid && cached.stylesheet === options.stylesheet) {
    return cached.halves;
  }
  const page = questionPage({ ...input, csrf: TOKEN_HOLE });
  const parts = renderDocument(page, options).split(TOKEN_HOLE);
  const halves =
    parts.length === 2
      ? ([ownBytes(parts[0] ?? ''), ownBytes(parts[1] ?? '')] as const)
      : undefined;
  cachedDocuments.set(question, { survey, qid, stylesheet: options.stylesheet, halves });
  return halves;
}
