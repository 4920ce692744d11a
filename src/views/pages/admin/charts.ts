import { html, type SafeHtml } from '../../html.js';
import { formatCount } from '../../../domain/index.js';

/** One bar: its label, the number it stands for, and that number as a share of 100. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly percent: number;
  /** Where clicking it leads: the page counting only the respondents it stands for. */
  readonly href?: string | undefined;
}

const WIDTH = 640;
const LABEL_HEIGHT = 20;
const BAR_HEIGHT = 18;
const ROW = LABEL_HEIGHT + BAR_HEIGHT + 10;
const BAR_SPACE = 480;
const LABEL_LIMIT = 80;

// Made on first use: ICU's segmenter pages in its data (about 4 MB of RSS) when it is built,
// which a server whose admin area nobody opens should not pay for.
let graphemes: Intl.Segmenter | undefined;

/** Cuts by grapheme, so an emoji or an accented letter is never split in two. */
function shorten(text: string): string {
  // No more UTF-16 units than the limit means no more graphemes either: nothing to cut, and
  // no segmenting, which was most of the time a 50-question × 50-choice results page took
  // (issue 18 item 5).
  if (text.length <= LABEL_LIMIT) return text;
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  return parts.length <= LABEL_LIMIT ? text : `${parts.slice(0, LABEL_LIMIT - 1).join('')}…`;
}

/**
 * A horizontal bar chart as inline SVG, drawn on the server: no script, readable by screen
 * readers through its `<title>` (role="img" + aria-labelledby, per the SVG accessibility
 * API mappings), scaling with the page through its viewBox. Long labels are shortened in
 * the drawing only; the table beside each chart carries the full text. Bars with an `href`
 * are links (issue 17 item 1: clicking a bar filters by it): the chart is then a group of
 * links, since an image's parts cannot be focused. Each link is named by what it shows (its
 * label and figures: WCAG 2.5.3, axe's label-content-name-mismatch), and described by one
 * hint that says what following it does.
 */
export function barChart(id: string, title: string, bars: readonly Bar[]): SafeHtml {
  const height = Math.max(ROW, bars.length * ROW);
  const linked = bars.some((bar) => bar.href !== undefined);
  return html`<svg class="chart" role="${linked ? 'group' : 'img'}" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
${linked ? html`<desc id="${id}-hint">Each bar is a link that counts only its respondents.</desc>` : ''}
${bars.map((bar, i) => {
  const y = i * ROW;
  const width = Math.round((Math.min(100, Math.max(0, bar.percent)) / 100) * BAR_SPACE);
  const figures = `${formatCount(bar.value)} (${bar.percent}%)`;
  const row = html`<g class="chart-row"><text class="chart-label" x="0" y="${y + 15}">${shorten(bar.label)}</text><rect class="chart-track" x="0" y="${y + LABEL_HEIGHT}" width="${BAR_SPACE}" height="${BAR_HEIGHT}" rx="3"></rect><rect class="chart-bar" x="0" y="${y + LABEL_HEIGHT}" width="${width}" height="${BAR_HEIGHT}" rx="3"></rect><text class="chart-value" x="${BAR_SPACE + 8}" y="${y + LABEL_HEIGHT + 14}">${figures}</text></g>`;
  return bar.href === undefined
    ? row
    : html`<a class="chart-link" href="${bar.href}" aria-describedby="${id}-hint">${row}</a>`;
})}
</svg>`;
}
