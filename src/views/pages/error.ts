import { html } from '../html.js';
import { messages } from '../../i18n/index.js';
import type { Page, PageLanguage } from '../layout.js';

/** A friendly page for an HTTP error: what happened and what the respondent can do. */
export function errorPage(
  status: number,
  heading: string,
  detail: string,
  language: PageLanguage = { messages: messages('en') },
): Page {
  const m = language.messages;
  return {
    title: heading,
    language,
    body: html`<p class="error-code">${m.t('errorCode', { status })}</p>
<h1>${heading}</h1>
<p class="lead">${detail}</p>
<p class="actions"><a class="button button-primary" href="/">${m.t('goToSurveys')}</a></p>
`,
  };
}
