import {
  inLanguage,
  singleQuestionNames,
  utcToday,
  type FieldErrors,
  type FormFields,
  type Question,
  type Survey,
} from '../../domain/index.js';
import { html } from '../html.js';
import {
  errorSummary,
  fieldOrder,
  renderQuestion,
  type RenderContext,
} from '../questions/index.js';
import { messages } from '../../i18n/index.js';
import { renderDocument, type DocumentOptions, type Page, type PageLanguage } from '../layout.js';
import { cutAtTokens, fillHoles, sameForEveryone, TOKEN_HOLE } from './holes.js';
import type { HoledDocument } from './holes.js';
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
  /** The respondent's language (SURVEYS.md §5); English by default. */
  readonly language?: PageLanguage;
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
  language = { messages: messages('en') },
}: QuestionPageInput): Page {
  const m = language.messages;
  const local = inLanguage(question, survey.languages, m.lang);
  const title = survey.languages?.text(survey.title, m.lang) ?? survey.title;
  const total = survey.questions.length;
  const position = m.t('questionPosition', { position: qid + 1, total });
  // Honest progress: the bar shows answers given (the guard makes that `qid`), not this page.
  const answered = m.t('answeredProgress', { answered: qid, total });
  const hasErrors = Object.keys(errors).length > 0;
  const ctx: RenderContext = {
    names: singleQuestionNames,
    values,
    errors,
    responseId,
    heading: 'h1',
    today,
    messages: m,
  };
  const heading = `${position} · ${title}`;
  return {
    title: hasErrors ? m.t('errorTitle', { title: heading }) : heading,
    language,
    body: html`<p class="survey-name">${title}</p>
<div class="progress">
<p id="progress-label">${position}</p>
<progress aria-labelledby="progress-label" value="${qid}" max="${total}">${answered}</progress>
</div>
${hasErrors ? errorSummary(errors, fieldOrder(local, ctx), m) : ''}
<form method="post" action="${surveyPath(survey.slug)}/questions/${qid}" class="question-form" novalidate>
${csrfField(csrf)}
${renderQuestion(local, ctx)}
<button type="submit" class="button button-primary">${m.t(qid + 1 === total ? 'finish' : 'next')}</button>
</form>
${survey.allowResume ? resumeOffer(survey.slug, csrf, m) : ''}`,
  };
}

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
  readonly pieces: HoledDocument | undefined;
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
    // A survey in several languages renders per request: one cached page per question would
    // be in one language only.
    input.survey.languages === undefined &&
    sameForEveryone(input.question);
  const pieces = plain ? cachedPieces(input, options) : undefined;
  if (pieces === undefined) return Buffer.from(renderDocument(questionPage(input), options));
  return fillHoles(pieces, [input.csrf]);
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
  const pieces = cutAtTokens(renderDocument(page, options), survey);
  cachedDocuments.set(question, { survey, qid, stylesheet: options.stylesheet, pieces });
  return pieces;
}
