/**
 * The long-survey half of `npm run bench:results` (issue 18 item 5): a 1,000-question ×
 * 50-choice survey with BENCH_BIG_RESPONSES responses (default 1,000, so 1,000,000 answers at
 * most), its results pages timed over real HTTP with the longest event-loop block each caused.
 * For comparison, the whole survey on one page as the results page built it before paging
 * (every choice count, every question rendered), measured in process.
 */
import { surveyFileSchema, summariseResults, type Survey } from '../src/domain/index.js';
import type { Storage } from '../src/storage/index.js';
import { renderDocument, resultSections, resultsPage } from '../src/views/index.js';
import { withLoopBlock } from './lib/loop-block.js';
import { fmt, median } from './lib/measure.js';

export const BIG_QUESTIONS = 1_000;
const CHOICES = 50;
export const BIG_RESPONSES = Number(process.env.BENCH_BIG_RESPONSES ?? 1_000);

export const bigSurvey: Survey = {
  slug: 'big',
  ...surveyFileSchema.parse({
    title: 'Long benchmark',
    questions: Array.from({ length: BIG_QUESTIONS }, (_, i) => ({
      text: `Question ${i + 1}?`,
      choices: Array.from({ length: CHOICES }, (_, c) => `Choice ${c + 1}`),
      allowText: i % 100 === 99,
    })),
  }),
};

/** Responses 4 in 5 complete, the rest stopping somewhere; a comment on every tenth. */
export function bigSeedSql(versionId: number): string[] {
  const at = "'2024-01-01T00:00:00.000Z'";
  return [
    `with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${BIG_RESPONSES})
     insert into responses (survey, version_id, started_at, completed_at)
     select 'big', ${versionId}, ${at}, case when n % 5 = 0 then null else ${at} end from seq`,
    `with recursive q(i) as (select 0 union all select i + 1 from q where i < ${BIG_QUESTIONS - 1})
     insert into answers (response_id, version_id, question, answer, comment, answered_at)
     select r.id, r.version_id, q.i, 'Choice ' || ((r.id * 7 + q.i * 13) % ${CHOICES} + 1),
       case when q.i % 100 = 99 and r.id % 10 = 0 then 'Comment ' || r.id else null end, ${at}
     from responses r join q on (r.completed_at is not null or q.i < (r.id * 37) % ${BIG_QUESTIONS})
     where r.version_id = ${versionId}`,
  ];
}

/** One row per page measured: engine, page, median ms, max event-loop block ms, CPU ms, KB. */
export async function measureBig(
  engine: string,
  base: string,
  cookie: string,
  storage: Storage,
): Promise<string[][]> {
  const rows: string[][] = [];
  const pages = Math.ceil(BIG_QUESTIONS / 50);
  for (const page of [1, Math.ceil(pages / 2), pages]) {
    const url = `${base}/admin/surveys/big?page=${page}`;
    const once = () =>
      withLoopBlock(async () => {
        const start = performance.now();
        const response = await fetch(url, { headers: { cookie } });
        if (response.status !== 200)
          throw new Error(`big results page ${page}: ${response.status}`);
        const body = await response.text();
        return { ms: performance.now() - start, bytes: body.length };
      });
    await once(); // warm-up
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await once());
    const times = runs.map((r) => r.result.ms).sort((a, b) => a - b);
    rows.push([
      engine,
      `page ${page} of ${pages}`,
      fmt(times[2] ?? 0),
      Math.max(...runs.map((r) => r.maxMs)).toFixed(0),
      median(runs.map((r) => r.cpuMs)).toFixed(0),
      fmt((runs[0]?.result.bytes ?? 0) / 1024),
    ]);
  }
  rows.push([engine, 'all 1,000 on one page (before paging)', ...(await unpaged(storage))]);
  return rows;
}

/** What the page cost before paging: every question's counts, summary and markup at once. */
async function unpaged(storage: Storage): Promise<string[]> {
  const summary = (await storage.listVersions('big'))[0];
  if (summary === undefined) throw new Error('no version of the big survey');
  const runs = [];
  for (let i = 0; i < 3; i++) {
    runs.push(
      await withLoopBlock(async () => {
        const start = performance.now();
        const tallies = await storage.choiceCounts(summary.id);
        const all = { from: 0, to: BIG_QUESTIONS };
        const line = {
          number: 1,
          started: summary.started,
          completed: summary.completed,
          createdAt: summary.createdAt,
          current: true,
        };
        const questions = summariseResults(bigSurvey, summary.started, tallies, all);
        const body = renderDocument(
          resultsPage({
            survey: bigSurvey,
            version: line,
            versions: [line],
            questions,
            sections: resultSections(questions),
            paging: { page: 1, pages: 1, ...all, total: BIG_QUESTIONS },
            comments: [],
            commentPage: 1,
            hasMoreComments: false,
            csrf: 'x',
          }),
          { notices: [], stylesheet: '/canvass.css' },
        );
        return { ms: performance.now() - start, bytes: body.length };
      }),
    );
  }
  const times = runs.map((r) => r.result.ms).sort((a, b) => a - b);
  return [
    fmt(times[1] ?? 0),
    Math.max(...runs.map((r) => r.maxMs)).toFixed(0),
    median(runs.map((r) => r.cpuMs)).toFixed(0),
    fmt((runs[0]?.result.bytes ?? 0) / 1024),
  ];
}
