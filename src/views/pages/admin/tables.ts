import { formatCount } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';

/** A grid question's rows as the results show them. */
export interface HeatRow {
  readonly text: string;
  readonly answered: number;
  readonly choices: readonly {
    readonly text: string;
    readonly count: number;
    readonly percent: number;
  }[];
  readonly mean?: number | null;
}

/** Shade 0–5 of a share: a class, since the CSP allows no inline style. */
const shade = (percent: number) => Math.min(5, Math.ceil(percent / 20));

/**
 * The heat table of a grid question: rows × columns, each cell its count and share of the
 * row's answers, shaded by that share. A real table, so it is its own screen-reader version;
 * the shade only repeats the number written in the cell.
 */
export function heatTable(
  caption: string,
  columns: readonly string[],
  rows: readonly HeatRow[],
  withMean: boolean,
): SafeHtml {
  return html`<table class="data-table heat-table"><caption>${caption}</caption>
<thead><tr><th scope="col">Row</th>${columns.map((c) => html`<th scope="col" class="num">${c}</th>`)}${withMean ? html`<th scope="col" class="num">Mean</th>` : ''}<th scope="col" class="num">Answers</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.text}</th>${r.choices.map(
        (c) =>
          html`<td class="num heat-${shade(c.percent)}">${formatCount(c.count)} (${c.percent}%)</td>`,
      )}${withMean ? html`<td class="num">${r.mean ?? '–'}</td>` : ''}<td class="num">${formatCount(r.answered)}</td></tr>`,
  )}</tbody></table>`;
}

/** A ranked choice: how many put it at each rank, its average rank. */
export interface RankRow {
  readonly text: string;
  readonly ranks: readonly number[];
  readonly averageRank: number | null;
}

/** The item × rank table of a ranking question, shaded like the heat table. */
export function rankTable(caption: string, rows: readonly RankRow[], ranks: number): SafeHtml {
  const most = Math.max(1, ...rows.flatMap((r) => r.ranks));
  const positions = Array.from({ length: ranks }, (_, i) => i + 1);
  return html`<table class="data-table heat-table"><caption>${caption}</caption>
<thead><tr><th scope="col">Choice</th>${positions.map((p) => html`<th scope="col" class="num">Rank ${p}</th>`)}<th scope="col" class="num">Average rank</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.text}</th>${positions.map((_, i) => {
        const n = r.ranks[i] ?? 0;
        return html`<td class="num heat-${shade((n / most) * 100)}">${formatCount(n)}</td>`;
      })}<td class="num">${r.averageRank ?? '–'}</td></tr>`,
  )}</tbody></table>`;
}
