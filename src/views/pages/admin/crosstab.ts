/**
 * The cross-tab of the results page (`?by=…`, issue 17 item 1): one table a question, its
 * answers down the side and the groups across, each cell a count and its share of the
 * group's answers to that question (SURVEYS.md §10's percent). Real tables with headers on
 * both axes, so a screen reader announces "Berlin, Yes: 12 (40%)"; no chart to describe.
 */
import { formatCount, type Question, type Summary } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';

/** What the page cross-tabulates by, its groups' counts, and each question's figures. */
export interface CrossTab {
  readonly id: string;
  readonly text: string;
  readonly groups: readonly {
    readonly id: string;
    readonly text: string;
    readonly started: number;
    readonly completed: number;
  }[];
  readonly questions: readonly {
    /** 0-based position in the version shown. */
    readonly index: number;
    readonly question: Question;
    /** Every response in scope. */
    readonly all: Summary;
    /** One per group, in the groups' order. */
    readonly groups: readonly Summary[];
  }[];
}

type Cell = string;
type Row = readonly [label: string, cells: readonly Cell[]];

const countShare = (count: number, percent: number): Cell => `${formatCount(count)} (${percent}%)`;
const figure = (v: number | string | null | undefined): Cell =>
  v === null || v === undefined ? '–' : String(v);

/** The rows a question's figures give, one cell per summary (all first, then each group). */
function rowsOf(summaries: readonly Summary[]): Row[] {
  const first = summaries[0];
  if (first === undefined) return [];
  const rows: Row[] = [['Answered', summaries.map((s) => formatCount(s.answered))]];
  for (const [i, c] of (first.choices ?? []).entries()) {
    rows.push([
      c.text,
      summaries.map((s) => {
        const x = s.choices?.[i];
        return x === undefined ? '–' : countShare(x.count, x.percent);
      }),
    ]);
  }
  if (first.other !== undefined) {
    rows.push(['Other', summaries.map((s) => formatCount(s.other?.count ?? 0))]);
  }
  if (first.nps !== undefined) {
    rows.push(['Net Promoter Score', summaries.map((s) => figure(s.nps?.score))]);
  }
  for (const [name, key] of [
    ['Mean', 'mean'],
    ['Median', 'median'],
    ['Lowest', 'min'],
    ['Highest', 'max'],
  ] as const) {
    if (first[key] !== undefined) rows.push([name, summaries.map((s) => figure(s[key]))]);
  }
  for (const [i, row] of (first.rows ?? []).entries()) {
    for (const [j, c] of row.choices.entries()) {
      rows.push([
        `${row.text}: ${c.text}`,
        summaries.map((s) => {
          const x = s.rows?.[i]?.choices[j];
          return x === undefined ? '–' : countShare(x.count, x.percent);
        }),
      ]);
    }
  }
  for (const [i, item] of (first.items ?? []).entries()) {
    rows.push([
      `${item.text}: average rank`,
      summaries.map((s) => figure(s.items?.[i]?.averageRank)),
    ]);
  }
  return rows;
}

function questionTable(tab: CrossTab, q: CrossTab['questions'][number]): SafeHtml {
  const id = `q${q.index}`;
  const rows = rowsOf([q.all, ...q.groups]);
  return html`<section class="result" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${q.index + 1}. ${q.question.text}</h3>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="${id}-heading"><table class="data-table crosstab"><caption>Question ${q.index + 1} by “${tab.text}”: answers, and their share of each group’s answers</caption>
<thead><tr><th scope="col">Answer</th><th scope="col" class="num">All</th>${tab.groups.map((g) => html`<th scope="col" class="num">${g.text}</th>`)}</tr></thead>
<tbody>${rows.map(([label, cells]) => html`<tr><th scope="row">${label}</th>${cells.map((c) => html`<td class="num">${c}</td>`)}</tr>`)}</tbody></table></div>
</section>`;
}

/** The groups' sizes, then a table a question. */
export function crossTabSections(tab: CrossTab): SafeHtml {
  return html`<p class="meta">Each column counts the respondents of one group of “${tab.text}”; a share is of that group’s answers to the question.</p>
<table class="data-table crosstab-groups"><caption>Groups by “${tab.text}”</caption>
<thead><tr><th scope="col">Group</th><th scope="col" class="num">Started</th><th scope="col" class="num">Completed</th></tr></thead>
<tbody>${tab.groups.map((g) => html`<tr><th scope="row">${g.text}</th><td class="num">${formatCount(g.started)}</td><td class="num">${formatCount(g.completed)}</td></tr>`)}</tbody></table>
${tab.questions.map((q) => questionTable(tab, q))}`;
}
