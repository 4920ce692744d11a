export { html, escapeHtml, dangerouslyRawHtml, SafeHtml, type HtmlValue } from './html.js';
export { renderDocument, type Page, type Notice, type DocumentOptions } from './layout.js';
export { homePage, startPage, type StartState } from './pages/surveys.js';
export { questionDocument, questionPage, type QuestionPageInput } from './pages/question.js';
export {
  pathDocument,
  pathPage,
  type PathPageInput,
  type PathSurvey,
  type SurveyPage,
} from './pages/page.js';
export { completePage, type AnswerSummary } from './pages/complete.js';
export { errorPage } from './pages/error.js';
export * from './pages/admin/index.js';
export { CSRF_FIELD, REVISION_FIELD } from './pages/parts.js';
export { stylesheet } from './assets.js';
