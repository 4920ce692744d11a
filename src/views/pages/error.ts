import { html } from '../html.js';
import type { Page } from '../layout.js';

/** A friendly page for an HTTP error: what happened and what the respondent can do. */
export function errorPage(status: number, heading: string, detail: string): Page {
  return {
    title: heading,
    body: html`<p class="error-code">Error ${status}</p>
<h1>${heading}</h1>
<p class="lead">${detail}</p>
<p class="actions"><a class="button button-primary" href="/">Go to the list of surveys</a></p>
`,
  };
}
