import { html, type SafeHtml } from '../../html.js';
import { csrfField } from '../parts.js';

/**
 * The admin pages' navigation: the dashboard and API token links, and the logout button (a
 * POST form).
 */
export function adminNav(csrf: string): SafeHtml {
  return html`<nav class="admin-nav" aria-label="Admin"><span class="admin-links"><a href="/admin">All surveys</a><a href="/admin/tokens">API tokens</a></span><form method="post" action="/admin/logout">${csrfField(csrf)}<button type="submit" class="button button-secondary">Log out</button></form></nav>`;
}

/**
 * The form of a confirmation page: the primary button POSTs (CSRF-checked) to `action`, Cancel
 * goes back to `cancel` without changing anything.
 */
export function confirmForm(action: string, cancel: string, label: string, csrf: string): SafeHtml {
  return html`<form method="post" action="${action}" class="actions">${csrfField(csrf)}<button type="submit" class="button button-primary">${label}</button> <a class="button button-secondary" href="${cancel}">Cancel</a></form>`;
}

/** `75%`, or an en dash when there is nothing to divide by. */
export function rate(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}
