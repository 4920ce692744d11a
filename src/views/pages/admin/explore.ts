/**
 * What the results page counts and how to change it (issue 17 item 1), without JavaScript:
 * the narrowings in force, each a link that removes it, then GET forms that add a filter, set
 * the days the responses were started on, or cross-tabulate by a question or hidden field.
 * Every form carries the page's other parameters as hidden inputs, so narrowings add up.
 */
import { html, type SafeHtml } from '../../html.js';
import type { ResultsView } from './results.js';

function daysText(days: NonNullable<ResultsView['days']>): string {
  const { from, to } = days;
  if (from !== undefined && to !== undefined) return `started ${from} to ${to} (UTC)`;
  return from === undefined
    ? `started on or before ${to ?? ''} (UTC)`
    : `started on or after ${from} (UTC)`;
}

/**
 * Which responses are counted, in one sentence, then each narrowing as a link that removes it
 * alone ("Remove" names what it removes for screen readers) and one that removes them all.
 */
export function scopeLine(view: ResultsView): SafeHtml {
  const parts: [string, string | undefined][] = [
    ...view.filters.map((f): [string, string | undefined] => [
      `“${f.question}” is “${f.choice}”`,
      f.remove,
    ]),
    ...(view.completedOnly
      ? [['completed responses only', view.completedRemove] as [string, string | undefined]]
      : []),
    ...(view.days === undefined
      ? []
      : [[daysText(view.days), view.days.remove] as [string, string | undefined]]),
  ];
  if (parts.length === 0) {
    return html`<p class="meta">All responses. <a href="${view.completedHref}">Completed responses only</a></p>`;
  }
  const removable = parts.filter((p): p is [string, string] => p[1] !== undefined);
  return html`<p class="meta">Counting ${parts.map(([text]) => text).join('; ')}. <a href="${view.unfiltered}">Count all responses</a></p>${
    removable.length === 0
      ? ''
      : html`
<ul class="narrowings" aria-label="Filters in use">${removable.map(
          ([text, remove]) =>
            html`<li><a href="${remove}">Remove<span class="visually-hidden"> the filter</span>: ${text}</a></li>`,
        )}</ul>`
  }`;
}

/** The forms that add to what is counted: a filter, a date range, a cross-tab. */
export function exploreForms(view: ResultsView): SafeHtml {
  return html`${filterForm(view)}${dateForm(view)}${byForm(view)}`;
}

/** The page's other parameters as hidden inputs, leaving out those the form sets itself. */
function kept(view: ResultsView, own: readonly string[]): SafeHtml {
  return html`${(view.kept ?? [])
    .filter(([name]) => !own.includes(name))
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

/**
 * A GET form that adds a filter (or `completed=1`) to what is counted; the filters already
 * set ride along as hidden fields, so filters add up (AND). Only this page's questions are
 * offered: a 1,000-question survey would otherwise list 50,000 options.
 */
function filterForm(view: ResultsView): SafeHtml {
  const questions = view.choices ?? [];
  if (questions.length === 0) return html``;
  return html`<form method="get" class="filters"><label for="results-filter">Count only the responses that answered</label>
<select id="results-filter" name="filter"><option value="">(all responses)</option>${questions.map(
    (q) =>
      html`<optgroup label="${q.number}. ${q.text}">${q.choices.map(
        (c) => html`<option value="${q.id}:${c.id}">${c.text}</option>`,
      )}</optgroup>`,
  )}</select>
${kept(view, [])}<button type="submit" class="button button-secondary">Apply</button></form>`;
}

/** `?from=…&to=…`: native date inputs, which send YYYY-MM-DD; both optional. */
function dateForm(view: ResultsView): SafeHtml {
  if (view.kept === undefined) return html``;
  const { from = '', to = '' } = view.days ?? {};
  return html`<form method="get" class="filters"><span id="dates-label">Started between (UTC, both days included)</span>
<label for="results-from" class="visually-hidden">From</label><input type="date" id="results-from" name="from" value="${from}" aria-describedby="dates-label">
<label for="results-to">and</label><input type="date" id="results-to" name="to" value="${to}" aria-describedby="dates-label">
${kept(view, ['from', 'to'])}<button type="submit" class="button button-secondary">Apply dates</button></form>`;
}

/** `?by=…`: the questions with a few groups, and the hidden fields, to cross-tabulate by. */
function byForm(view: ResultsView): SafeHtml {
  const options = view.byOptions ?? [];
  if (options.length === 0) return html``;
  return html`<form method="get" class="filters"><label for="results-by">Compare groups: cross-tabulate every question by</label>
<select id="results-by" name="by"><option value="">(no cross-tab)</option>${options.map(
    (o) =>
      html`<option value="${o.value}"${o.value === view.by ? html` selected` : ''}>${o.text}</option>`,
  )}</select>
${kept(view, ['by'])}<button type="submit" class="button button-secondary">Compare</button>${view.byRemove === undefined ? '' : html` <a href="${view.byRemove}">Back to the charts</a>`}</form>`;
}
