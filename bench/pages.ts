/**
 * `npm run bench:pages`: what a path page's document costs rendered (`renderDocument(pathPage)`)
 * against its cached pieces filled in (`pathDocument`), for each page of the branching sample
 * as a respondent first sees it (docs/performance.md). Interleaved rounds, medians, in one
 * process: the ratio is what compares.
 */
import { fileURLToPath } from 'node:url';
import { loadSurveyDirectory } from '../src/domain/index.js';
import { renderDocument } from '../src/views/layout.js';
import { pathDocument, pathPage, type PathPageInput } from '../src/views/pages/page.js';
import { fmt, median, opsPerSecond, printTable } from './lib/measure.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const { surveys } = await loadSurveyDirectory(
  fileURLToPath(new URL('../surveys', import.meta.url)),
);
const survey = surveys.find((s) => s.slug === 'engagement');
if (survey === undefined) throw new Error('the engagement sample is missing');
const options = { notices: [], stylesheet: '/static/canvass.css' };

const rows: string[][] = [];
for (const page of survey.pages) {
  const input: PathPageInput = {
    survey,
    page,
    asked: page.questions,
    csrf: 'Zm9yLWEtYmVuY2gtb25seS10aGUtdG9rZW4tb2YtNDM',
    responseId: 12_345,
    revision: page.index,
    progress: { done: page.index, total: survey.pages.length },
    last: page.index === survey.pages.length - 1,
    ...(page.index === 0 ? {} : { back: `/surveys/${survey.slug}/questions/${page.index - 1}` }),
  };
  // Each request has its own revision, so no run is helped by a string made once.
  let revision = 0;
  const rendered: number[] = [];
  const cached: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rendered.push(
      await opsPerSecond(() =>
        Buffer.from(renderDocument(pathPage({ ...input, revision: revision++ }), options)),
      ),
    );
    cached.push(
      await opsPerSecond(() => pathDocument({ ...input, revision: revision++ }, options)),
    );
  }
  const [slow, fast] = [median(rendered), median(cached)];
  rows.push([
    `${page.index} (${page.id})`,
    fmt(slow),
    fmt(fast),
    (1e6 / slow).toFixed(1),
    (1e6 / fast).toFixed(1),
    `${(fast / slow).toFixed(1)}×`,
  ]);
}
console.log(`Path pages of the engagement sample, medians of ${ROUNDS} interleaved rounds\n`);
printTable(
  ['page', 'rendered/s', 'cached/s', 'µs rendered', 'µs cached', 'cached ÷ rendered'],
  rows,
);
