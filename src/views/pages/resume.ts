import type { Survey } from '../../domain/index.js';
import { html, type SafeHtml } from '../html.js';
import type { Page } from '../layout.js';

export interface ResumeLinkInput {
  readonly survey: Survey;
  /** The absolute link the other device opens. */
  readonly url: string;
  /** The link as a QR code (views/qr.ts), labelled for assistive technology. */
  readonly qrCode: SafeHtml;
  readonly expiresAt: Date;
  /** Where this browser goes on answering. */
  readonly backHref: string;
}

/** `POST /surveys/:slug/resume-link`: the link to continue elsewhere, to copy or to scan. */
export function resumeLinkPage({
  survey,
  url,
  qrCode,
  expiresAt,
  backHref,
}: ResumeLinkInput): Page {
  return {
    title: `Continue on another device · ${survey.title}`,
    body: html`<p class="survey-name">${survey.title}</p>
<h1>Continue on another device</h1>
<p class="lead">Open this link on your other device to go on where you are now. Your answers so far are kept.</p>
<div class="field">
<label for="resume-link">Your link</label>
<input id="resume-link" class="input resume-link" type="url" value="${url}" readonly>
</div>
<figure class="qr">
${qrCode}
<figcaption>Or scan this QR code with your other device's camera.</figcaption>
</figure>
<p class="meta">The link works until ${utcMinute(expiresAt)}. Anyone who has it can see and change your answers: keep it to yourself.</p>
<p class="actions"><a class="button button-primary" href="${backHref}">Back to the survey</a></p>
`,
  };
}

/** `2024-05-31 10:00 UTC`: a moment stated without a time zone guess. */
function utcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
