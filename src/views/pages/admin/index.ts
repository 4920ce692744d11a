export { loginPage, type LoginState } from './login.js';
export { dashboardPage, type SurveyOverview } from './dashboard.js';
export {
  resultsPage,
  resultSections,
  type ResultsPageInput,
  type VersionLine,
  type CommentLine,
} from './results.js';
export { barChart, type Bar } from './charts.js';
export type { QuestionPaging } from './pager.js';
