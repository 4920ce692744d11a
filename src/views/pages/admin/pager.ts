import { formatCount } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';

/** Where the results of a long survey stand: page `page` of `pages`, questions `from`–`to`. */
export interface QuestionPaging {
  readonly page: number;
  readonly pages: number;
  /** 0-based, `to` exclusive. */
  readonly from: number;
  readonly to: number;
  readonly total: number;
}

/**
 * The links between pages of questions (issue 18 item 5: a 1,000-question survey on one page
 * blocked the server). A labelled `nav` of plain links, the current one marked with
 * `aria-current="page"` and the neighbours with `rel` (WAI-ARIA APG, pagination landmarks);
 * a survey that fits on one page gets none. 20 pages at most (1,000 questions, 50 a page),
 * so every page is linked.
 */
export function questionPager(paging: QuestionPaging, href: (page: number) => string): SafeHtml {
  if (paging.pages <= 1) return html``;
  const { page, pages } = paging;
  const numbers = Array.from({ length: pages }, (_, i) => i + 1);
  return html`<nav class="pager" aria-label="Question pages"><ul>${
    page > 1 ? html`<li><a rel="prev" href="${href(page - 1)}">Previous</a></li>` : ''
  }${numbers.map(
    (n) =>
      html`<li><a href="${href(n)}"${n === page ? html` aria-current="page"` : ''} aria-label="Questions page ${n}">${n}</a></li>`,
  )}${page < pages ? html`<li><a rel="next" href="${href(page + 1)}">Next</a></li>` : ''}</ul></nav>`;
}

/** "Questions 51–100 of 1,000", or nothing when every question is on the page. */
export function questionSpan(paging: QuestionPaging): SafeHtml {
  if (paging.pages <= 1) return html``;
  return html`<p class="meta">Questions ${formatCount(paging.from + 1)}–${formatCount(paging.to)} of ${formatCount(paging.total)}.</p>`;
}
