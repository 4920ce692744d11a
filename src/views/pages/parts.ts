import { html, type SafeHtml } from '../html.js';

/** The name of the hidden form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

export function surveyPath(slug: string): string {
  return `/surveys/${slug}`;
}
