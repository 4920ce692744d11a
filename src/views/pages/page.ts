/**
 * `GET /surveys/:slug/questions/:n` of a survey that uses paths (SURVEYS.md §2, §4): one page
 * of the path, which on a `pages:` file holds several questions under the page's title. Beside
 * the questions it carries the response's revision (a stale form writes nothing), the Back
 * link when `allowBack` lets the respondent go back, and progress over the pages of the path.
 * Classic surveys keep `questionPage` (question.ts), byte for byte.
 */
import {
  inLanguage,
  pageNames,
  utcToday,
  type FieldErrors,
  type FormFields,
  type Question,
  type Survey,
  type SurveyPage,
} from '../../domain/index.js';
import { html, type SafeHtml } from '../html.js';
import {
  errorSummary,
  fieldOrder,
  renderQuestion,
  type RenderContext,
} from '../questions/index.js';
import { messages, type Messages } from '../../i18n/index.js';
import { renderDocument, type DocumentOptions, type Page, type PageLanguage } from '../layout.js';
import { cutAtTokens, fillHoles, sameForEveryone, TOKEN_HOLE } from './holes.js';
import type { HoledDocument, Marker } from './holes.js';
import { csrfField, resumeOffer, revisionField, surveyPath } from './parts.js';

/** A survey as the path page reads it (every parsed survey is one). */
export type PathSurvey = Survey;

export interface PathPageInput {
  readonly survey: PathSurvey;
  readonly page: SurveyPage;
  /** Indices (into survey.questions) of this page's questions that are asked (showIf holds). */
  readonly asked: readonly number[];
  readonly csrf: string;
  /** The response being answered: the seed of `shuffle`. */
  readonly responseId: number;
  /** The response's revision, posted back in the hidden `revision` field (§4). */
  readonly revision: number;
  /** URL of the previous page on the path when allowBack and this is not the first page on the path. */
  readonly back?: string;
  /** Progress: pages submitted on the path ÷ pages on the path (§4). */
  readonly progress: { readonly done: number; readonly total: number };
  /**
   * This page's place on the path, 1-based, for "Page 2 of 5". At the frontier that is
   * `done + 1`, the default; a page opened under Back sits earlier.
   */
  readonly position?: number;
  /** True when submitting this page would end the survey (last page on the path): button says Finish. */
  readonly last: boolean;
  /**
   * Question texts after piping, keyed by question index; absent → the question's own text and
   * help. Plain text: escaped here like every other text.
   */
  readonly texts?: ReadonlyMap<number, { readonly text: string; readonly help?: string }>;
  /** Today as `YYYY-MM-DD` (UTC), for `date` bounds written `today`; today's date by default. */
  readonly today?: string;
  /** Messages keyed by field name (`answer`… or `ID`, `ID.comment`… on a `pages:` page). */
  readonly errors?: FieldErrors;
  /** What to show filled in: posted values on a 422, stored values under Back. */
  readonly values?: FormFields;
  /** The respondent's language (SURVEYS.md §5); English by default. */
  readonly language?: PageLanguage;
}

const ENGLISH: PageLanguage = { messages: messages('en') };

const surveyTitle = (survey: PathSurvey, m: Messages) =>
  survey.languages?.text(survey.title, m.lang) ?? survey.title;

/** A question as this respondent reads it: with its piped text and help, when it has them. */
function shownQuestion(question: Question, piped: { text: string; help?: string } | undefined) {
  if (piped === undefined) return question;
  const help = piped.help ?? question.help;
  const { help: _own, ...rest } = question;
  return { ...rest, text: piped.text, ...(help === undefined ? {} : { help }) } as Question;
}

/** The page's questions as shown, each with the context it renders in. */
function shownQuestions(input: PathPageInput, values: FormFields, errors: FieldErrors) {
  const { survey, asked, texts, responseId } = input;
  const m = (input.language ?? ENGLISH).messages;
  const today = input.today ?? utcToday();
  const heading = survey.layout === 'pages' ? 'h2' : 'h1';
  return asked.flatMap((index) => {
    const question = survey.questions[index];
    if (question === undefined) return [];
    const ctx: RenderContext = {
      names: pageNames(question, survey.layout),
      values,
      errors,
      responseId,
      heading,
      today,
      messages: m,
    };
    const local = inLanguage(question, survey.languages, m.lang);
    return [{ question: shownQuestion(local, texts?.get(index)), ctx }];
  });
}

/** "Question 2 of 5" on a `questions:` file (today's words), "Page 2 of 5" on a `pages:` file. */
function positionText(input: PathPageInput, m: Messages): string {
  const { survey, progress } = input;
  const place = input.position ?? progress.done + 1;
  const key = survey.layout === 'pages' ? 'pagePosition' : 'questionPosition';
  return m.t(key, { position: place, total: progress.total });
}

/** The Back link (a real link, so it needs no script and the keyboard reaches it), then submit. */
function actions(back: string | undefined, last: boolean, m: Messages): SafeHtml {
  const link =
    back === undefined
      ? ''
      : html`<a rel="prev" href="${back}" class="button button-secondary">${m.t('back')}</a>
`;
  return html`<div class="actions">
${link}<button type="submit" class="button button-primary">${m.t(last ? 'finish' : 'next')}</button>
</div>`;
}

/**
 * The heading of a `pages:` page: its title (or the survey's when it has none) and its help.
 * A `questions:` page has none: its question's text is the page's `h1`, as today.
 */
function pageHeading(survey: PathSurvey, shownPage: SurveyPage, m: Messages): SafeHtml | '' {
  if (survey.layout !== 'pages') return '';
  const page = inLanguage(shownPage, survey.languages, m.lang);
  const help =
    page.help === undefined
      ? ''
      : html`<p class="instructions">${page.help}</p>
`;
  return html`<h1>${page.title ?? surveyTitle(survey, m)}</h1>
${help}`;
}

/** One page of a path survey: its questions, revision, Back link and progress on the path. */
export function pathPage(input: PathPageInput): Page {
  const { survey, page, csrf, revision, back, progress, last } = input;
  const language = input.language ?? ENGLISH;
  const m = language.messages;
  const errors = input.errors ?? {};
  const values = input.values ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const position = positionText(input, m);
  const title = surveyTitle(survey, m);
  // Honest progress: the bar fills with pages submitted, never with the page being looked at.
  const answered = m.t('answeredProgress', { answered: progress.done, total: progress.total });
  const shown = shownQuestions(input, values, errors);
  const order = shown.flatMap(({ question, ctx }) => fieldOrder(question, ctx));
  // A page titled by the survey itself need not name the survey twice.
  const surveyName =
    survey.layout === 'pages' && page.title === undefined
      ? ''
      : html`<p class="survey-name">${title}</p>
`;
  const heading = `${position} · ${title}`;
  return {
    title: hasErrors ? m.t('errorTitle', { title: heading }) : heading,
    language,
    body: html`${surveyName}<div class="progress">
<p id="progress-label">${position}</p>
<progress aria-labelledby="progress-label" value="${progress.done}" max="${progress.total}">${answered}</progress>
</div>
${hasErrors ? errorSummary(errors, order, m) : ''}
<form method="post" action="${surveyPath(survey.slug)}/questions/${page.index}" class="question-form" novalidate>
${csrfField(csrf)}
${revisionField(revision)}
${pageHeading(survey, page, m)}${shown.map(
      ({ question, ctx }) => html`${renderQuestion(question, ctx)}
`,
    )}${actions(back, last, m)}
</form>
${survey.allowResume ? resumeOffer(survey.slug, csrf, m) : ''}`,
  };
}

/** Where the revision goes in a cached path page: its hidden field with a revision no response has. */
const REVISION_MARKER: Marker = { text: revisionField(-1).toString(), hole: '-1' };

/** The most plain pages kept per survey version: pages × places on the path × Back or not. */
const MAX_CACHED_PAGES = 256;

/** A survey version's plain path pages, by what else tells them apart (`plainKey`). */
const cachedPages = new WeakMap<PathSurvey, Map<string, HoledDocument | undefined>>();

/**
 * What sets a plain page apart from the survey's other plain pages, or undefined when the page
 * is not plain: it shows errors, values (a 422, a page opened under Back), notices, piped text
 * or a question that is not the same for everyone (`sameForEveryone`). A plain page differs
 * from one respondent to the next only by its CSRF token and revision.
 */
function plainKey(input: PathPageInput, options: DocumentOptions): string | undefined {
  // A survey in several languages renders per request (one cached page, one language).
  if (input.survey.languages !== undefined) return undefined;
  const { survey, page, texts } = input;
  if (input.errors !== undefined || input.values !== undefined || options.notices.length > 0)
    return undefined;
  const own = survey.pages[page.index];
  if (own === undefined || page.title !== own.title || page.help !== own.help) return undefined;
  for (const index of input.asked) {
    const question = survey.questions[index];
    if (question === undefined || !sameForEveryone(question)) return undefined;
    const piped = texts?.get(index);
    const help = 'help' in question ? question.help : undefined;
    if (piped !== undefined && (piped.text !== question.text || piped.help !== help))
      return undefined;
  }
  const { done, total } = input.progress;
  const where = `${page.index} ${input.asked.join(',')} ${input.position ?? done + 1}`;
  return `${where} ${done}/${total} ${String(input.last)} ${input.back ?? ''} ${options.stylesheet}`;
}

/**
 * The whole document of a path page in UTF-8, as `renderDocument(pathPage(input), options)`
 * makes it. A plain page (`plainKey`) is rendered once per survey version and place on the
 * path, with its token and revision filled in on each request (holes.ts); the others, which
 * carry a respondent's answers or errors, are rendered each time.
 */
export function pathDocument(input: PathPageInput, options: DocumentOptions): Buffer {
  const key = plainKey(input, options);
  const holed = key === undefined ? undefined : cachedPage(input, options, key);
  if (holed === undefined) return Buffer.from(renderDocument(pathPage(input), options));
  return fillHoles(holed, [input.csrf, String(input.revision)]);
}

/** The plain page's pieces around its token and revision, rendered on first use. */
function cachedPage(
  input: PathPageInput,
  options: DocumentOptions,
  key: string,
): HoledDocument | undefined {
  let pages = cachedPages.get(input.survey);
  if (pages === undefined)
    cachedPages.set(input.survey, (pages = new Map<string, HoledDocument | undefined>()));
  if (pages.has(key)) return pages.get(key);
  if (pages.size >= MAX_CACHED_PAGES) pages.clear();
  const document = renderDocument(pathPage({ ...input, csrf: TOKEN_HOLE, revision: -1 }), options);
  const holed = cutAtTokens(document, input.survey, REVISION_MARKER);
  pages.set(key, holed);
  return holed;
}
