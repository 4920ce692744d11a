/**
 * Each question's results on the admin page (SURVEYS.md §10): a chart drawn on the server and
 * the same figures as a table for screen readers, per kind. The map below is typed
 * `{ [K in Kind]: … }`, so a kind without a section does not compile.
 */
import {
  dayText,
  formatCount,
  type ChoiceFigure,
  type Kind,
  type Question,
  type QuestionOf,
  type Summary,
} from '../../../domain/index.js';
import { html, type SafeHtml } from '../../html.js';
import { barChart } from './charts.js';
import { histogram, npsBar } from './histogram.js';
import { heatTable, rankTable } from './tables.js';
import { textList, type TextPage } from './texts.js';

/** One question's figures, as the route gathered them. */
export interface FigureResult<Q extends Question = Question> {
  /** 0-based position in the version shown. */
  readonly index: number;
  readonly question: Q;
  readonly shown: number;
  /** True when it is asked under a condition (its own or its page's `showIf`). */
  readonly conditional?: boolean;
  /** How many started, which {@link shownLine} counts `shown` out of. */
  readonly started?: number;
  readonly summary: Summary;
  /** Per (item, value) counts of a question with items (ranking: choice × rank). */
  readonly items: readonly {
    readonly item: string | null;
    readonly value: string;
    readonly count: number;
  }[];
  /** Number and date answers in up to ten ranges, `to` exclusive but for the last. */
  readonly bins: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  /** A page of its text answers (text kinds) or Other texts (choice kinds). */
  readonly texts?: TextPage;
  /** The page counting only those who gave choice `id`, where a filter may name it. */
  readonly filterHref?: (id: string) => string | undefined;
}

type Render<K extends Kind> = (
  r: FigureResult<QuestionOf<K>>,
  id: string,
  title: string,
) => SafeHtml;

const plural = (n: number) => `${formatCount(n)} ${n === 1 ? 'answer' : 'answers'}`;

/** The format-1 chart and table, kept byte for byte: bars by choice, share of answers. */
function choiceBlock(
  id: string,
  title: string,
  choices: readonly ChoiceFigure[],
  link: FigureResult['filterHref'],
): SafeHtml {
  // The Other bar (id '') stands for many answers: nothing to filter by.
  const hrefOf = (c: ChoiceFigure) => (c.id === '' ? undefined : link?.(c.id));
  const bars = choices.map((c) => ({
    label: c.text,
    value: c.count,
    percent: c.percent,
    href: hrefOf(c),
  }));
  return html`${barChart(id, `${title} — answers by choice`, bars)}
<details><summary>Show as a table</summary><table class="data-table">
<thead><tr><th scope="col">Choice</th><th scope="col" class="num">Answers</th><th scope="col" class="num">Share</th></tr></thead>
<tbody>${choices.map(
    (c) =>
      html`<tr><th scope="row">${choiceCell(c.text, hrefOf(c))}</th><td class="num">${formatCount(c.count)}</td><td class="num">${c.percent}%</td></tr>`,
  )}</tbody></table></details>`;
}

/** A choice's name in a table, a link to the page filtered by it where it has one. */
function choiceCell(text: string, href: string | undefined): SafeHtml | string {
  return href === undefined ? text : html`<a href="${href}">${text}</a>`;
}

/** Choices plus an "Other" bar when the question offers it, and the Other texts below. */
function withOther(r: FigureResult, id: string, title: string): SafeHtml {
  const { summary } = r;
  const other = summary.other;
  const choices = [
    ...(summary.choices ?? []),
    ...(other === undefined
      ? []
      : [
          {
            id: '',
            text: 'Other',
            count: other.count,
            percent:
              summary.answered === 0 ? 0 : Math.round((other.count / summary.answered) * 1000) / 10,
          },
        ]),
  ];
  return html`${choiceBlock(id, title, choices, r.filterHref)}${r.texts === undefined ? '' : textList(r.texts, 'Other answers', `question ${r.index + 1}`)}`;
}

function figureTable(rows: readonly [string, number | string | null | undefined][]): SafeHtml {
  return html`<table class="data-table figures"><tbody>${rows.map(
    ([name, value]) =>
      html`<tr><th scope="row">${name}</th><td class="num">${value ?? '–'}</td></tr>`,
  )}</tbody></table>`;
}

function stats(s: Summary): SafeHtml {
  return figureTable([
    ['Mean', s.mean],
    ['Median', s.median],
    ['Lowest', s.min],
    ['Highest', s.max],
  ]);
}

function pointsBlock(r: FigureResult, id: string, title: string): SafeHtml {
  const choices = r.summary.choices ?? [];
  return html`${histogram(
    id,
    `${title} — answers by point`,
    choices.map((c) => ({ label: c.text, count: c.count })),
  )}
<details><summary>Show as a table</summary><table class="data-table">
<thead><tr><th scope="col">Point</th><th scope="col" class="num">Answers</th><th scope="col" class="num">Share</th></tr></thead>
<tbody>${choices.map(
    (c) =>
      html`<tr><th scope="row">${choiceCell(c.text, r.filterHref?.(c.id))}</th><td class="num">${formatCount(c.count)}</td><td class="num">${c.percent}%</td></tr>`,
  )}</tbody></table></details>`;
}

type Bins = FigureResult['bins'];

/** A range's label: the one whole number (or day) it holds, else from–to. */
function binLabel(bin: Bins[number], show: (n: number) => string): string {
  const one = bin.to - bin.from <= 1 && Number.isInteger(bin.from);
  return one || bin.from === bin.to ? show(bin.from) : `${show(bin.from)}–${show(bin.to)}`;
}

/** The histogram of number or date answers, and its table. */
function rangesBlock(id: string, title: string, bins: Bins, show: (n: number) => string): SafeHtml {
  if (bins.length === 0) return html``;
  const labelled = bins.map((b) => ({ label: binLabel(b, show), count: b.count }));
  return html`${histogram(id, `${title} — answers by range`, labelled)}
<details><summary>Show as a table</summary><table class="data-table">
<thead><tr><th scope="col">Range</th><th scope="col" class="num">Answers</th></tr></thead>
<tbody>${labelled.map(
    (b) =>
      html`<tr><th scope="row">${b.label}</th><td class="num">${formatCount(b.count)}</td></tr>`,
  )}</tbody></table></details>`;
}

const showNumber = (n: number) => String(Math.round(n * 10) / 10);
const showDay = (n: number) => dayText(Math.floor(n));

const choiceLike = <K extends Kind>(): Render<K> => withOther;

const texts: Render<'text' | 'longtext' | 'email'> = (r) =>
  r.texts === undefined ? html`` : textList(r.texts, 'Answers', `question ${r.index + 1}`);

const sections: { [K in Kind]: Render<K> } = {
  choice: choiceLike(),
  dropdown: choiceLike(),
  yesno: choiceLike(),
  consent: choiceLike(),
  multi: (r, id, title) =>
    html`<p class="meta">Respondents may tick several choices: the shares may total more than 100%.</p>${withOther(r, id, title)}`,
  text: texts,
  longtext: texts,
  email: texts,
  number: (r, id, title) => html`${rangesBlock(id, title, r.bins, showNumber)}${stats(r.summary)}`,
  date: (r, id, title) =>
    html`${rangesBlock(id, title, r.bins, showDay)}${figureTable([
      ['Earliest', r.summary.min],
      ['Median', r.summary.median],
      ['Latest', r.summary.max],
    ])}`,
  rating: (r, id, title) => html`${pointsBlock(r, id, title)}${stats(r.summary)}`,
  nps: (r, id, title) => {
    const nps = r.summary.nps ?? { score: null, promoters: 0, passives: 0, detractors: 0 };
    return html`${npsBar(`${id}-groups`, `${title} — detractors, passives and promoters`, nps)}
${figureTable([
  ['Net Promoter Score', nps.score],
  ['Promoters (9–10)', nps.promoters],
  ['Passives (7–8)', nps.passives],
  ['Detractors (0–6)', nps.detractors],
])}${pointsBlock(r, id, title)}`;
  },
  grid: (r, _id, title) =>
    heatTable(
      `${title} — answers by row and column`,
      r.question.columns.map((c) => c.text),
      r.summary.rows ?? [],
      r.question.columns.some((c) => c.value !== undefined),
    ),
  ranking: (r, _id, title) => {
    const ranks = r.question.top ?? r.question.choices.length;
    const rows = (r.summary.items ?? []).map((item) => ({
      text: item.text,
      averageRank: item.averageRank,
      ranks: Array.from({ length: ranks }, (_, i) =>
        r.items
          .filter((x) => x.item === item.id && x.value === String(i + 1))
          .reduce((s, x) => s + x.count, 0),
      ),
    }));
    return rankTable(`${title} — how often each choice got each rank`, rows, ranks);
  },
  statement: () => html``,
};

/**
 * How many saw a question behind a condition (SURVEYS.md §10): its answers are a share of those,
 * not of everyone who started. Nothing for a question everyone on the path is asked.
 */
function shownLine(r: FigureResult): SafeHtml | '' {
  if (r.conditional !== true) return '';
  const of = r.started === undefined ? '' : ` of ${formatCount(r.started)}`;
  return html`
<p class="meta shown">Shown to ${formatCount(r.shown)}${of} ${r.started === 1 || (r.started === undefined && r.shown === 1) ? 'respondent' : 'respondents'} (behind a condition)</p>`;
}

/** One question's section: heading, how many answered, its chart and table. */
export function figureSection(r: FigureResult): SafeHtml {
  const id = `q${r.index}`;
  const title = `Question ${r.index + 1}: ${r.question.text}`;
  const render = sections[r.question.type] as Render<Kind>;
  return html`<section class="result" aria-labelledby="${id}-heading">
<h3 id="${id}-heading">${r.index + 1}. ${r.question.text}</h3>${shownLine(r)}
<p class="meta">${plural(r.summary.answered)}</p>
${render(r, id, title)}
</section>`;
}
