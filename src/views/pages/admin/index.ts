export { loginPage, type LoginState } from './login.js';
export { dashboardPage, type AuditLine, type SurveyOverview } from './dashboard.js';
export {
  confirmDeletionPage,
  responsePage,
  responsesPage,
  type ClearableVersion,
  type Deletion,
  type ResponseAnswerLine,
  type ResponseListLine,
  type ResponsePageInput,
  type ResponsesPageInput,
} from './responses.js';
export {
  resultsPage,
  resultSections,
  type ResultsPageInput,
  type VersionLine,
  type CommentLine,
  type DropOffLine,
  type PageDropOffLine,
  type ResultsView,
  type FilterQuestion,
  type ResultsAudience,
} from './results.js';
export {
  MAX_PUBLIC_LINK_DAYS,
  publicLinkCreatedPage,
  type PublicLinkCreatedInput,
  type PublicLinkLine,
  type PublicLinksView,
} from './public-links.js';
export { figureSection, type FigureResult } from './figures.js';
export { crossTabSections, type CrossTab } from './crosstab.js';
export type { TextPage } from './texts.js';
export { barChart, type Bar } from './charts.js';
export type { QuestionPaging } from './pager.js';
export {
  apiTokenCreatedPage,
  apiTokensPage,
  MAX_TOKEN_NAME,
  type ApiTokenCreatedInput,
  type ApiTokenLine,
  type ApiTokensPageInput,
  type TokenFormState,
  type TokenSurvey,
} from './api-tokens.js';
export {
  confirmWebhookDeletionPage,
  webhookCreatedPage,
  webhookPage,
  webhooksPage,
  type DeliveryLine,
  type WebhookForm,
  type WebhookLine,
  type WebhookSurveyOption,
} from './webhooks.js';
