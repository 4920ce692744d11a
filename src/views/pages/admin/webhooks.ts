/**
 * Webhooks on the owner's side (issue 17 item 4): the list of endpoints with the form that adds
 * one, the page that shows a new endpoint's signing secret (the only time it is shown), and an
 * endpoint's page with its delivery log and its buttons (test event, switch off/on, delete after
 * a confirmation page, and "Send now" on a delivery that waits or failed).
 */
import { html, type SafeHtml } from '../../html.js';
import type { Page } from '../../layout.js';
import { csrfField } from '../parts.js';
import { adminNav, confirmForm } from './parts.js';
import { timeOf } from './responses.js';

/** An endpoint as the owner's pages show it (never its secret, but on the page that creates it). */
export interface WebhookLine {
  readonly id: number;
  readonly url: string;
  /** The survey's title, or null: every survey. */
  readonly surveyTitle: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

/** A survey the create form offers. */
export interface WebhookSurveyOption {
  readonly slug: string;
  readonly title: string;
}

/** The create form's values and its error, when it was refused. */
export interface WebhookForm {
  readonly url: string;
  readonly survey: string;
  readonly error?: string;
}

/** One delivery of the log, as {@link webhookPage} shows it. */
export interface DeliveryLine {
  readonly id: number;
  readonly type: string;
  readonly responseId: number | null;
  readonly createdAt: string;
  readonly status: string;
  readonly nextAttemptAt: string;
  readonly attempts: readonly {
    readonly at: string;
    readonly statusCode: number | null;
    readonly error: string | null;
    readonly durationMs: number;
  }[];
}

const scopeOf = (line: WebhookLine) => line.surveyTitle ?? 'All surveys';
const stateOf = (line: WebhookLine) => (line.disabledAt === null ? 'On' : 'Off');

/** `GET /admin/webhooks`: the endpoints, and the form that adds one. */
export function webhooksPage(
  endpoints: readonly WebhookLine[],
  surveys: readonly WebhookSurveyOption[],
  csrf: string,
  form: WebhookForm = { url: '', survey: '' },
): Page {
  return {
    title: 'Webhooks',
    body: html`${adminNav(csrf)}
<h1>Webhooks</h1>
<p class="lead">Canvass POSTs each completed response, as JSON and signed (Standard Webhooks), to the endpoints below, retrying for about a day if an endpoint is down.</p>
${
  endpoints.length === 0
    ? html`<p>No webhook endpoints yet.</p>`
    : html`<table class="data-table webhooks">
<thead><tr><th scope="col">Endpoint</th><th scope="col">Survey</th><th scope="col">State</th><th scope="col">Created</th></tr></thead>
<tbody>${endpoints.map(
        (e) =>
          html`<tr><th scope="row"><a href="/admin/webhooks/${e.id}" class="break-anywhere">${e.url}</a></th><td>${scopeOf(e)}</td><td>${stateOf(e)}</td><td>${timeOf(e.createdAt)}</td></tr>`,
      )}</tbody></table>`
}
<section aria-labelledby="add-webhook"><h2 id="add-webhook">Add an endpoint</h2>
<form method="post" action="/admin/webhooks" novalidate>${csrfField(csrf)}
${form.error === undefined ? '' : html`<p class="field-error" id="webhook-url-error" role="alert">${form.error}</p>`}
<div class="field"><label for="webhook-url">URL (https:// or http://)</label>
<input id="webhook-url" class="input" type="url" name="url" value="${form.url}" required${form.error === undefined ? '' : html` aria-invalid="true" aria-describedby="webhook-url-error"`}></div>
<div class="field"><label for="webhook-survey">Survey</label>
<select id="webhook-survey" class="input" name="survey"><option value="">All surveys</option>${surveys.map(
      (s) =>
        html`<option value="${s.slug}"${s.slug === form.survey ? html` selected` : ''}>${s.title}</option>`,
    )}</select></div>
<button type="submit" class="button button-primary">Add the endpoint</button></form></section>
`,
  };
}

/** `POST /admin/webhooks`: the new endpoint's signing secret, shown this once. */
export function webhookCreatedPage(line: WebhookLine, secret: string, csrf: string): Page {
  return {
    title: 'Webhook endpoint added',
    body: html`${adminNav(csrf)}
<h1>Webhook endpoint added</h1>
<p class="lead">Copy the signing secret now: it is shown only this once. Your endpoint verifies each delivery's <code>webhook-signature</code> header with it.</p>
<div class="field"><label for="webhook-secret">Signing secret</label>
<input id="webhook-secret" class="input" type="text" value="${secret}" readonly></div>
<p class="meta">Endpoint <span class="break-anywhere">${line.url}</span>, ${scopeOf(line)}.</p>
<p class="actions"><a class="button button-primary" href="/admin/webhooks/${line.id}">See the endpoint</a></p>
`,
  };
}

/** `GET /admin/webhooks/:id`: the endpoint, its buttons and its latest deliveries. */
export function webhookPage(
  line: WebhookLine,
  deliveries: readonly DeliveryLine[],
  csrf: string,
): Page {
  const base = `/admin/webhooks/${line.id}`;
  const button = (action: string, label: string) =>
    html`<form method="post" action="${base}/${action}">${csrfField(csrf)}<button type="submit" class="button button-secondary">${label}</button></form>`;
  return {
    title: `Webhook · ${line.url}`,
    body: html`${adminNav(csrf)}
<p class="meta"><a href="/admin/webhooks">All webhooks</a></p>
<h1 class="break-anywhere">${line.url}</h1>
<p>${scopeOf(line)} · ${line.disabledAt === null ? 'On' : html`Off since ${timeOf(line.disabledAt)}: no new events, and waiting ones wait`} · created ${timeOf(line.createdAt)}</p>
<div class="actions">${button('test', 'Send a test event')}${
      line.disabledAt === null ? button('disable', 'Switch off') : button('enable', 'Switch on')
    }<a class="button button-secondary" href="${base}/delete">Delete the endpoint…</a></div>
<section aria-labelledby="delivery-log"><h2 id="delivery-log">Delivery log</h2>
${deliveries.length === 0 ? html`<p>Nothing sent yet.</p>` : deliveryTable(base, deliveries, csrf)}</section>
`,
  };
}

const STATUS_NAMES: Readonly<Record<string, string>> = {
  pending: 'Waiting',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped',
};

function deliveryTable(base: string, deliveries: readonly DeliveryLine[], csrf: string): SafeHtml {
  return html`<table class="data-table delivery-log">
<thead><tr><th scope="col">Event</th><th scope="col">Queued</th><th scope="col">Status</th><th scope="col">Attempts</th></tr></thead>
<tbody>${deliveries.map(
    (d) =>
      html`<tr><th scope="row">msg_${d.id}: ${d.type}${d.responseId === null ? '' : ` (response #${d.responseId})`}</th><td>${timeOf(d.createdAt)}</td><td>${STATUS_NAMES[d.status] ?? d.status}${d.status === 'pending' && d.attempts.length > 0 ? html`, next try ${timeOf(d.nextAttemptAt)}` : ''}${sendNow(base, d, csrf)}</td><td>${attemptList(d.attempts)}</td></tr>`,
  )}</tbody></table>`;
}

/**
 * "Send now" for a delivery that failed, or that waits for its next try after a failed one (a
 * fresh one is on its way anyway). Its name says which delivery, for a screen reader's list of
 * buttons.
 */
function sendNow(base: string, d: DeliveryLine, csrf: string): SafeHtml | string {
  const retryable = d.status === 'failed' || (d.status === 'pending' && d.attempts.length > 0);
  if (!retryable) return '';
  return html`<form method="post" action="${base}/deliveries/${d.id}/retry">${csrfField(csrf)}<button type="submit" class="button button-secondary">Send now<span class="visually-hidden"> (msg_${d.id})</span></button></form>`;
}

/** `GET /admin/webhooks/:id/delete`: asks before the endpoint goes, with its delivery log. */
export function confirmWebhookDeletionPage(line: WebhookLine, csrf: string): Page {
  const base = `/admin/webhooks/${line.id}`;
  return {
    title: `Delete the endpoint? · Webhooks`,
    body: html`${adminNav(csrf)}
<h1>Delete the endpoint?</h1>
<p>The endpoint <span class="break-anywhere">${line.url}</span> (${scopeOf(line)}) will be deleted for good, with its delivery log and every delivery still waiting: they are not sent. Completed responses stay stored and exportable.</p>
${confirmForm(`${base}/delete`, base, 'Delete the endpoint', csrf)}
`,
  };
}

function attemptList(attempts: DeliveryLine['attempts']): SafeHtml | string {
  if (attempts.length === 0) return 'none yet';
  return html`<ol class="attempts">${attempts.map(
    (a) =>
      html`<li>${timeOf(a.at)}: ${a.statusCode === null ? '' : `HTTP ${a.statusCode}`}${a.error === null ? '' : a.error} (${a.durationMs} ms)</li>`,
  )}</ol>`;
}
