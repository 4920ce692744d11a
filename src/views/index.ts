export { html, escapeHtml, dangerouslyRawHtml, SafeHtml, type HtmlValue } from './html.js';
export {
  renderDocument,
  type Page,
  type PageLanguage,
  type Notice,
  type DocumentOptions,
} from './layout.js';
export {
  endedPage,
  homePage,
  startPage,
  type ClosedNotice,
  type StartState,
} from './pages/surveys.js';
export { questionDocument, questionPage, type QuestionPageInput } from './pages/question.js';
export { pathDocument, pathPage, type PathPageInput, type PathSurvey } from './pages/page.js';
export { completePage, type AnswerSummary } from './pages/complete.js';
export { errorPage } from './pages/error.js';
export { resumeLinkPage, type ResumeLinkInput } from './pages/resume.js';
export { qrCodeSvg } from './qr.js';
export * from './pages/admin/index.js';
export { CSRF_FIELD, REVISION_FIELD } from './pages/parts.js';
export { stylesheet } from './assets.js';
