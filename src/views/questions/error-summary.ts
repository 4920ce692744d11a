/**
 * Every error at the top, each linking to its field (GOV.UK error summary pattern). It takes
 * focus when the page loads, without script, so a screen reader reads it first (WCAG 3.3.1).
 * For a format-1 page this is the page's summary of today, byte for byte.
 */
import type { FieldErrors } from '../../domain/questions/index.js';
import { messages, type Messages } from '../../i18n/index.js';
import { html, type SafeHtml } from '../html.js';
import { fieldId } from './parts/ids.js';

/**
 * The summary of `errors`, in the order of `order` (the page's field names as shown); errors
 * of fields not in `order` follow in their own order. Nothing when there are no errors.
 */
export function errorSummary(
  errors: FieldErrors,
  order: readonly string[],
  m: Messages = messages('en'),
): SafeHtml {
  const named = Object.keys(errors);
  const names = [
    ...order.filter((n) => Object.hasOwn(errors, n)),
    ...named.filter((n) => !order.includes(n)),
  ];
  if (names.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>${m.t('thereIsAProblem')}</h2><ul>${names.map(
    (name) => html`<li><a href="#${fieldId(name)}">${errors[name]}</a></li>`,
  )}</ul></div>`;
}
