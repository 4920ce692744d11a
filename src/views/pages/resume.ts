import type { Survey } from '../../domain/index.js';
import { messages } from '../../i18n/index.js';
import { html, type SafeHtml } from '../html.js';
import type { Page, PageLanguage } from '../layout.js';

export interface ResumeLinkInput {
  readonly survey: Survey;
  /** The absolute link the other device opens. */
  readonly url: string;
  /** The link as a QR code (views/qr.ts), labelled for assistive technology. */
  readonly qrCode: SafeHtml;
  readonly expiresAt: Date;
  /** Where this browser goes on answering. */
  readonly backHref: string;
  /** The respondent's language (SURVEYS.md §5); English by default. */
  readonly language?: PageLanguage;
}

/** `POST /surveys/:slug/resume-link`: the link to continue elsewhere, to copy or to scan. */
export function resumeLinkPage({
  survey,
  url,
  qrCode,
  expiresAt,
  backHref,
  language = { messages: messages('en') },
}: ResumeLinkInput): Page {
  const m = language.messages;
  const title = survey.languages?.text(survey.title, m.lang) ?? survey.title;
  const heading = m.t('resumeTitle');
  return {
    title: `${heading} · ${title}`,
    language,
    body: html`<p class="survey-name">${title}</p>
<h1>${heading}</h1>
<p class="lead">${m.t('resumeLead')}</p>
<div class="field">
<label for="resume-link">${m.t('resumeLinkLabel')}</label>
<input id="resume-link" class="input resume-link" type="url" value="${url}" dir="ltr" readonly>
</div>
<figure class="qr">
${qrCode}
<figcaption>${m.t('resumeScan')}</figcaption>
</figure>
<p class="meta">${m.t('resumeExpires', { when: m.moment(expiresAt.toISOString()) })}</p>
<p class="actions"><a class="button button-primary" href="${backHref}">${m.t('backToSurvey')}</a></p>
`,
  };
}
