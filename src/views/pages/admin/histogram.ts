import { formatCount } from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';

/** One column of a histogram: a point of a scale, or a range of numbers or dates. */
export interface Bin {
  readonly label: string;
  readonly count: number;
}

const WIDTH = 640;
const HEIGHT = 200;
const PLOT = 150;
const TOP = 20;

/**
 * A histogram as inline SVG (rating points, nps 0–10, number and date ranges): vertical bars
 * whose heights share one scale, the count above each and its label below. Like `barChart`,
 * role="img" with a `<title>`; the table beside it carries the same figures for screen readers.
 */
export function histogram(id: string, title: string, bins: readonly Bin[]): SafeHtml {
  const most = Math.max(1, ...bins.map((b) => b.count));
  const step = WIDTH / Math.max(1, bins.length);
  const bar = Math.max(4, step * 0.7);
  return html`<svg class="chart histogram" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
${bins.map((b, i) => {
  const h = Math.round((b.count / most) * PLOT);
  const x = Math.round(i * step + (step - bar) / 2);
  const mid = Math.round(i * step + step / 2);
  return html`<g class="chart-row"><rect class="chart-bar" x="${x}" y="${TOP + PLOT - h}" width="${Math.round(bar)}" height="${h}" rx="2"></rect><text class="chart-value" x="${mid}" y="${TOP + PLOT - h - 4}" text-anchor="middle">${formatCount(b.count)}</text><text class="chart-label" x="${mid}" y="${HEIGHT - 8}" text-anchor="middle">${b.label}</text></g>`;
})}
</svg>`;
}

/** The three NPS groups, in the order they are drawn. */
export interface NpsGroups {
  readonly detractors: number;
  readonly passives: number;
  readonly promoters: number;
}

/**
 * One bar cut into detractors (0–6), passives (7–8) and promoters (9–10), each segment as wide
 * as its share; a group of nobody has no segment. Labels say count and share, since colour
 * alone must not carry the meaning (WCAG 1.4.1).
 */
export function npsBar(id: string, title: string, groups: NpsGroups): SafeHtml {
  const total = groups.detractors + groups.passives + groups.promoters;
  const parts = [
    { name: 'Detractors', count: groups.detractors, cls: 'nps-detractors' },
    { name: 'Passives', count: groups.passives, cls: 'nps-passives' },
    { name: 'Promoters', count: groups.promoters, cls: 'nps-promoters' },
  ];
  let x = 0;
  return html`<svg class="chart nps-chart" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} 70" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
${parts.map((p, i) => {
  const w = total === 0 ? 0 : Math.round((p.count / total) * WIDTH);
  const at = x;
  x += w;
  const share = total === 0 ? 0 : Math.round((p.count / total) * 1000) / 10;
  return html`<rect class="${p.cls}" x="${at}" y="0" width="${w}" height="30"></rect><text class="chart-label" x="${Math.round((i * WIDTH) / 3)}" y="55">${p.name}: ${formatCount(p.count)} (${share}%)</text>`;
})}
</svg>`;
}
