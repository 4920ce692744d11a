import { html } from '../../html.js';
import { formatCount } from '../../../domain/index.js';
import type { Page } from '../../layout.js';
import { adminNav, rate } from './parts.js';

/** One row of the dashboard. */
export interface SurveyOverview {
  readonly slug: string;
  readonly title: string;
  readonly started: number;
  readonly completed: number;
}

/** `GET /admin`: every survey with started, completed and completion rate. */
export function dashboardPage(surveys: readonly SurveyOverview[], csrf: string): Page {
  return {
    title: 'Admin',
    body: html`${adminNav(csrf)}
<h1>Surveys</h1>
<table class="data-table">
<thead><tr><th scope="col">Survey</th><th scope="col" class="num">Started</th><th scope="col" class="num">Completed</th><th scope="col" class="num">Completion rate</th></tr></thead>
<tbody>${surveys.map(
      (s) =>
        html`<tr><th scope="row"><a href="/admin/surveys/${s.slug}">${s.title}</a></th><td class="num">${formatCount(s.started)}</td><td class="num">${formatCount(s.completed)}</td><td class="num">${rate(s.completed, s.started)}</td></tr>`,
    )}</tbody>
</table>
`,
  };
}
