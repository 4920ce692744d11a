import { html, type SafeHtml } from '../../html.js';

/** One page of a question's text answers (or Other texts), with links to its neighbours. */
export interface TextPage {
  readonly items: readonly { readonly responseId: number; readonly text: string }[];
  readonly page: number;
  readonly more: boolean;
  /** The address of page `n` of this list. */
  readonly href: (n: number) => string;
}

/** The answers as a list, paged like the comments (a next link only when there is more). */
export function textList(list: TextPage, heading: string, of: string): SafeHtml {
  if (list.items.length === 0 && list.page === 1) return html``;
  const { page } = list;
  return html`<details class="text-answers"${page > 1 ? html` open` : ''}><summary>${heading}</summary><ul class="text-answers-list">${list.items.map(
    (item) => html`<li><span class="meta">#${item.responseId}</span> ${item.text}</li>`,
  )}</ul>
<nav class="pager" aria-label="${heading} to ${of}: pages">${page > 1 ? html`<a rel="prev" href="${list.href(page - 1)}">Page ${page - 1}</a>` : ''} <span>Page ${page}</span> ${list.more ? html`<a rel="next" href="${list.href(page + 1)}">Page ${page + 1}</a>` : ''}</nav></details>`;
}
