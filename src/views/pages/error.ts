import { html } from '../html.js';
import type { Page } from '../layout.js';

/** A friendly page for an HTTP error: what happened and what the respondent can do. */
export function errorPage(status: number, heading: string, detail: string): Page {
  return {
    title: heading,
    body: html`<h1>${heading}</h1>
<p class="lead">${detail}</p>
<p class="meta">Error ${status}</p>
<p><a href="/">Go to the list of surveys</a></p>
`,
  };
}
