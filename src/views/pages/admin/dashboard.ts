import { html, type SafeHtml } from '../../html.js';
import { formatCount } from '../../../domain/index.js';
import type { Page } from '../../layout.js';
import { adminNav, rate } from './parts.js';
import { timeOf } from './responses.js';

/** One row of the dashboard. */
export interface SurveyOverview {
  readonly slug: string;
  readonly title: string;
  readonly started: number;
  readonly completed: number;
  /**
   * `live` (listed on the home page), `unlisted` (`listed: false`: reachable by its link) or
   * `archived` (its file removed: results kept, no longer taken). Absent: live.
   */
  readonly state?: 'live' | 'unlisted' | 'archived';
}

/** One entry of the audit log (issue 17 items 2, 5): a deletion, an API token made or revoked. */
export interface AuditLine {
  readonly at: string;
  readonly action: string;
  /** The survey concerned; empty for an API token that reads every survey. */
  readonly survey: string;
  readonly detail: string;
}

/**
 * `GET /admin`: every survey with started, completed and completion rate, and the problems the
 * last reload found with the survey files (each file keeps serving its last valid version).
 */
export function dashboardPage(
  surveys: readonly SurveyOverview[],
  csrf: string,
  problems: readonly string[] = [],
  audit: readonly AuditLine[] = [],
): Page {
  return {
    title: 'Admin',
    body: html`${adminNav(csrf)}
<h1>Surveys</h1>${problemList(problems)}
<p class="meta"><a href="#audit-log">Audit log</a> · <a href="/admin/webhooks">Webhooks</a></p>
<table class="data-table">
<thead><tr><th scope="col">Survey</th><th scope="col" class="num">Started</th><th scope="col" class="num">Completed</th><th scope="col" class="num">Completion rate</th></tr></thead>
<tbody>${surveys.map(
      (s) =>
        html`<tr><th scope="row"><a href="/admin/surveys/${s.slug}">${s.title}</a>${stateTag(s.state)}</th><td class="num">${formatCount(s.started)}</td><td class="num">${formatCount(s.completed)}</td><td class="num">${rate(s.completed, s.started)}</td></tr>`,
    )}</tbody>
</table>
${auditLog(audit)}
`,
  };
}

const ACTION_NAMES: Readonly<Record<string, string>> = {
  'response-deleted': 'Response deleted',
  'version-cleared': 'Version cleared',
  'token-created': 'API token created',
  'token-revoked': 'API token revoked',
};

/** The latest owner actions, newest first: deletions, and API tokens made and revoked. */
function auditLog(audit: readonly AuditLine[]): SafeHtml {
  return html`<section aria-labelledby="audit-log"><h2 id="audit-log">Audit log</h2>${
    audit.length === 0
      ? html`<p>No responses have been deleted.</p>`
      : html`
<table class="data-table audit-log">
<thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Survey</th><th scope="col">Detail</th></tr></thead>
<tbody>${audit.map(
          (a) =>
            html`<tr><td>${timeOf(a.at)}</td><td>${ACTION_NAMES[a.action] ?? a.action}</td><td>${a.survey === '' ? 'All surveys' : a.survey}</td><td>${a.detail}</td></tr>`,
        )}</tbody></table>`
  }</section>`;
}

function stateTag(state: SurveyOverview['state']): SafeHtml | '' {
  if (state === undefined || state === 'live') return '';
  return html` <span class="meta survey-state">(${state === 'archived' ? 'archived' : 'not listed'})</span>`;
}

/** The reload's problems, one line each as the log has them; nothing when there are none. */
function problemList(problems: readonly string[]): SafeHtml | '' {
  if (problems.length === 0) return '';
  return html`
<section class="file-problems" role="alert"><h2>Survey file problems</h2>
<p>These files were not loaded; the surveys they define keep their last valid version until they are fixed.</p>
<ul>${problems.map((p) => html`<li><code>${p}</code></li>`)}</ul></section>`;
}
