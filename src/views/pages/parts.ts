import { messages, type Messages } from '../../i18n/index.js';
import { html, type SafeHtml } from '../html.js';

/** The name of the hidden form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

export function surveyPath(slug: string): string {
  return `/surveys/${slug}`;
}

/** The name of the hidden form field that carries the response's revision (SURVEYS.md §4). */
export const REVISION_FIELD = 'revision';

/** The revision the page was rendered at: a write is accepted only while it is current. */
export function revisionField(revision: number): SafeHtml {
  return html`<input type="hidden" name="${REVISION_FIELD}" value="${revision}">`;
}

/**
 * "Continue on another device" (SURVEYS.md §7): a form posting to the survey's resume-link
 * page. The same for every respondent but for the token, so a cached question page keeps it.
 */
export function resumeOffer(slug: string, csrf: string, m: Messages = messages('en')): SafeHtml {
  return html`<form method="post" action="${surveyPath(slug)}/resume-link" class="resume-offer">
${csrfField(csrf)}
<button type="submit" class="button button-secondary">${m.t('resumeOffer')}</button>
</form>
`;
}
