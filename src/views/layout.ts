import { textDirection } from '../domain/languages.js';
import { messages, type Messages } from '../i18n/index.js';
import { html, type SafeHtml } from './html.js';

/** The language a respondent page is in (SURVEYS.md §5), and its switcher's links. */
export interface PageLanguage {
  readonly messages: Messages;
  /** One link per survey language, `?lang=CODE` on this page; absent with fewer than two. */
  readonly switcher?: readonly { readonly code: string; readonly href: string }[];
}

const ENGLISH: PageLanguage = { messages: messages('en') };

/** A page's own parts; the layout adds the document shell, the site header and the flashes. */
export interface Page {
  readonly title: string;
  readonly body: SafeHtml;
  /** Asks search engines to leave the page out (a public results link is not for indexing). */
  readonly noindex?: boolean;
  /** A respondent page's language; admin pages and those outside a survey are English. */
  readonly language?: PageLanguage;
}

/** A flash message as the layout shows it. */
export interface Notice {
  readonly category: string;
  readonly message: string;
}

export interface DocumentOptions {
  readonly notices: readonly Notice[];
  readonly stylesheet: string;
}

/** The base layout every HTML page shares: semantic landmarks, no script, one stylesheet. */
export function renderDocument(page: Page, options: DocumentOptions): string {
  const language = page.language ?? ENGLISH;
  const m = language.messages;
  return html`<!doctype html>
<html lang="${m.lang}"${textDirection(m.lang) === 'rtl' ? html` dir="rtl"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${robotsMeta(page)}<title>${page.title} · Canvass</title>
<link rel="stylesheet" href="${options.stylesheet}">
</head>
<body>
<a class="skip-link" href="#main">${m.t('skipToContent')}</a>
<header class="site-header"><a class="brand" href="/">Canvass</a></header>
${languageSwitcher(language)}<main id="main">
${renderNotices(options.notices)}${page.body}
</main>
</body>
</html>
`.value;
}

/** Each language named in itself ("français", "العربية"), as a switcher shows it. */
function nativeName(code: string): string {
  const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/** A plain list of links, no script: each in its own language, the current one marked. */
function languageSwitcher({ messages: m, switcher }: PageLanguage): SafeHtml | '' {
  if (switcher === undefined || switcher.length < 2) return '';
  return html`<nav class="languages" aria-label="${m.t('languages')}"><ul>${switcher.map(
    ({ code, href }) =>
      html`<li><a href="${href}" lang="${code}" hreflang="${code}"${code === m.lang ? html` aria-current="true"` : ''}>${nativeName(code)}</a></li>`,
  )}</ul></nav>
`;
}

/** The line that keeps a page out of search engines, or nothing for an ordinary page. */
function robotsMeta(page: Page): SafeHtml | '' {
  return page.noindex === true
    ? html`<meta name="robots" content="noindex, nofollow">
`
    : '';
}

/**
 * Whether a flash category is an error. Canvass writes `info` and `error`; a Flask app sharing
 * the cookie may queue any category (`message`, `warning`, `success`, Bootstrap's `danger`):
 * `danger` reads as an error, every other one as information.
 */
const isError = (category: string) => category === 'error' || category === 'danger';

function renderNotices(notices: readonly Notice[]): SafeHtml | string {
  if (notices.length === 0) return '';
  // Errors interrupt (role=alert); information waits its turn (role=status).
  return html`<div class="notices">${notices.map((n) => {
    const error = isError(n.category);
    return html`<p class="notice notice-${error ? 'error' : 'info'}" role="${error ? 'alert' : 'status'}">${n.message}</p>`;
  })}</div>
`;
}
