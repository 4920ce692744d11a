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
import { csrfField, resumeOffer, surveyPath } from './parts.js';

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
${survey.allowResume ? resumeOffer(survey.slug, csrf) : ''}`,
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
 * A question page's document as the pieces around its CSRF token (the answer form's, and the
 * resume offer's when there is one), for one survey version, already UTF-8: the socket is then
 * handed bytes, not a string to encode on every request.
 */
interface CachedDocument {
  readonly survey: Survey;
  readonly qid: number;
  readonly stylesheet: string;
  /** Undefined when the hole was not found where a token goes (a survey text holding it). */
  readonly pieces: readonly Buffer[] | undefined;
}

/** Keyed by the question object, which belongs to one version of one survey. */
const cachedDocuments = new WeakMap<Question, CachedDocument>();

/** How many tokens a plain page holds: the answer form's, and the resume offer's. */
function tokenCount(survey: Survey): number {
  return survey.allowResume ? 2 : 1;
}

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
  const pieces = plain ? cachedPieces(input, options) : undefined;
  if (pieces === undefined) return Buffer.from(renderDocument(questionPage(input), options));
  const token = input.csrf;
  for (let i = 0; i < token.length; i++) {
    if (!isTokenCharacter(token.charCodeAt(i))) return withToken(pieces, escapeHtml(token));
  }
  return withPlainToken(pieces, token);
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

/**
 * The document with a token of URL-safe characters (as Canvass makes them) between each two
 * pieces: such a token is its own HTML and its own UTF-8, one byte a character, so it is copied
 * in place, with no escaping pass and no call into C++.
 */
function withPlainToken(pieces: readonly Buffer[], token: string): Buffer {
  let length = token.length * (pieces.length - 1);
  for (const piece of pieces) length += piece.length;
  const document = Buffer.allocUnsafe(length);
  let at = 0;
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) {
      for (let c = 0; c < token.length; c++) document[at + c] = token.charCodeAt(c);
      at += token.length;
    }
    at += piece.copy(document, at);
  }
  return document;
}

/** The document with any (escaped) token text between each two pieces. */
function withToken(pieces: readonly Buffer[], token: string): Buffer {
  const tokenBytes = Buffer.byteLength(token);
  let length = tokenBytes * (pieces.length - 1);
  for (const piece of pieces) length += piece.length;
  const document = Buffer.allocUnsafe(length);
  let at = 0;
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) at += document.write(token, at, tokenBytes, 'utf8');
    at += piece.copy(document, at);
  }
  return document;
}

/**
 * `text` in UTF-8, in memory of its own. `Buffer.from` would carve a short text out of Node's
 * shared 8 KiB pool, and a cached piece kept alive the whole slab it sat in, next to the
 * responses cut from it: a 1,000-question survey pinned megabytes that way.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/** The plain page's pieces around its tokens, rendered on first use for this question. */
function cachedPieces(
  input: QuestionPageInput,
  options: DocumentOptions,
): CachedDocument['pieces'] {
  const { survey, qid, question } = input;
  const cached = cachedDocuments.get(question);
  if (cached?.survey === survey && cached.qid === qid && cached.stylesheet === options.stylesheet) {
    return cached.pieces;
  }
  const page = questionPage({ ...input, csrf: TOKEN_HOLE });
  const parts = renderDocument(page, options).split(TOKEN_HOLE);
  const pieces = parts.length === tokenCount(survey) + 1 ? parts.map(ownBytes) : undefined;
  cachedDocuments.set(question, { survey, qid, stylesheet: options.stylesheet, pieces });
  return pieces;
}
