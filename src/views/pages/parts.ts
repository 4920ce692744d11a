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
