/**
 * The format-2 half of `npm run bench:results` (issue 14 item 9): the course-evaluation sample
 * (every question kind) with BENCH_COURSE_RESPONSES responses (default 100,000) seeded straight
 * in SQL of the shape decision 0013 stores (answers with `num` and `other`, items for multi,
 * grid and ranking), then the results page and results.json, with and without a filter, only
 * completed, a date range and cross-tabs (issue 17 item 1), timed over real HTTP with the
 * longest event-loop block each caused.
 */
import { readFileSync } from 'node:fs';
import { parseSurveyText, type Survey } from '../src/domain/index.js';
import { withLoopBlock } from './lib/loop-block.js';
import { fmt, median } from './lib/measure.js';

export const COURSE_RESPONSES = Number(process.env.BENCH_COURSE_RESPONSES ?? 100_000);

const parsed = parseSurveyText(
  readFileSync(new URL('../surveys/course-evaluation.yaml', import.meta.url), 'utf8'),
  'yaml',
);
if (!parsed.ok) throw new Error('the course-evaluation sample does not parse');
export const courseSurvey: Survey = { slug: 'course-evaluation', ...parsed.survey };

const AT = "'2024-01-01T00:00:00.000Z'";
/** Started over four days, a quarter each, for the date range (`?from=…&to=…`: two of them). */
const STARTED = `case n % 4 ${[1, 2, 3, 4].map((d, i) => `when ${i} then '2024-01-0${d}T09:30:00.000Z'`).join(' ')} end`;
/** `case r.id % n when 0 then a when 1 then b … end` over SQL literals. */
const pick = (values: readonly string[], salt = 0) =>
  `case (r.id + ${salt}) % ${values.length} ${values.map((v, i) => `when ${i} then ${v}`).join(' ')} end`;
const text = (s: string) => `'${s.replaceAll("'", "''")}'`;
const DATES = ['2026-01-10', '2026-02-03', '2026-03-14', '2026-04-01', '2026-05-20', '2026-06-30'];
const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Per question index: the answer's value, num and other as SQL over the response row `r`. */
const ONE_VALUE: Record<number, { answer: string; num?: string; other?: string }> = {
  0: { answer: "''" },
  1: {
    answer: pick(["'web'", "'data'", "'devops'", "''"]),
    other: `case when r.id % 4 = 3 then 'Other ' || (r.id % 50) else null end`,
  },
  2: { answer: pick(['Online', 'Berlin', 'Lisbon', 'Montréal', 'Nairobi', 'Singapore'].map(text)) },
  3: { answer: pick(["'yes'", "'no'"]) },
  // How many items (rows.ts rowNum): multi 4 ticks by r.id % 2, 3, 7; grid 9 all three rows;
  // ranking 10 two ranks.
  4: {
    answer: "''",
    num: `nullif((case when r.id % 2 = 0 then 1 else 0 end) + (case when r.id % 3 = 0 then 1 else 0 end) + (case when r.id % 7 = 0 then 1 else 0 end), 0)`,
  },
  5: { answer: `'' || (r.id % 81)`, num: `r.id % 81` },
  6: { answer: pick(DATES.map(text)), num: pick(DATES.map((d) => String(days(d)))) },
  7: { answer: `'' || (r.id % 5 + 1)`, num: `r.id % 5 + 1` },
  8: { answer: `'' || (r.id % 11)`, num: `r.id % 11` },
  9: { answer: "''", num: '3' },
  10: { answer: "''", num: '2' },
  11: { answer: `case when r.id % 4 = 0 then 'Highlight ' || (r.id % 100) else '' end` },
  12: { answer: "''" },
  13: { answer: `case when r.id % 10 = 0 then 'user' || r.id || '@example.org' else '' end` },
  14: { answer: pick(["'yes'", "''"]) },
};

/** Items of the several-value questions: [question, item, value, num, which responses]. */
const ITEMS: [number, string, string, string, string][] = [
  [4, 'null', "'testing'", 'null', 'r.id % 2 = 0'],
  [4, 'null', "'databases'", 'null', 'r.id % 3 = 0'],
  [4, 'null', "'deploy'", 'null', 'r.id % 7 = 0'],
  ...['clear', 'pace', 'feedback'].map((row, i): [number, string, string, string, string] => [
    9,
    text(row),
    pick(["'disagree'", "'neutral'", "'agree'"], i),
    pick(['1', '2', '3'], i),
    'true',
  ]),
  [10, pick(["'exercises'", "'videos'", "'mentoring'"]), "'1'", '1', 'true'],
  [10, pick(["'videos'", "'mentoring'", "'exercises'"]), "'2'", '2', 'true'],
];

/** 4 in 5 responses complete; the rest stop after question 6. */
const reached = (question: number) => `(r.completed_at is not null or ${question} < 7)`;

export function courseSeedSql(versionId: number): string[] {
  const where = `r.version_id = ${versionId}`;
  return [
    `with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${COURSE_RESPONSES})
     insert into responses (survey, version_id, started_at, completed_at)
     select 'course-evaluation', ${versionId}, ${STARTED}, case when n % 5 = 0 then null else ${AT} end from seq`,
    ...Object.entries(ONE_VALUE).map(
      ([q, v]) =>
        `insert into answers (response_id, version_id, question, answer, comment, answered_at, num, other)
         select r.id, r.version_id, ${q}, ${v.answer}, null, ${AT}, ${v.num ?? 'null'}, ${v.other ?? 'null'}
         from responses r where ${where} and ${reached(Number(q))}`,
    ),
    ...ITEMS.map(
      ([q, item, value, num, which]) =>
        `insert into answer_items (response_id, version_id, question, item, value, num)
         select r.id, r.version_id, ${q}, ${item}, ${value}, ${num}
         from responses r where ${where} and ${reached(q)} and ${which}`,
    ),
  ];
}

/**
 * One row per request measured: engine, request, median ms of 5, median CPU ms of this process
 * (on SQLite the queries' too: a figure a busy machine disturbs less than the wall clock), max
 * event-loop block ms, KB.
 */
export async function measureCourse(
  engine: string,
  base: string,
  cookie: string,
): Promise<string[][]> {
  const rows: string[][] = [];
  const slug = '/admin/surveys/course-evaluation';
  const days = 'from=2024-01-02&to=2024-01-03';
  for (const path of [
    slug,
    `${slug}?filter=track:web`,
    `${slug}?completed=1`,
    `${slug}?${days}`,
    `${slug}?by=first_course`,
    `${slug}?by=recommend`,
    `${slug}?by=track&filter=first_course:yes&${days}`,
    `${slug}/results.json`,
    `${slug}/results.json?filter=track:web`,
    `${slug}/results.json?completed=1`,
    `${slug}/results.json?${days}`,
    `${slug}/results.json?by=first_course`,
  ]) {
    const once = () =>
      withLoopBlock(async () => {
        const start = performance.now();
        const cpu = process.cpuUsage();
        const response = await fetch(`${base}${path}`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        const body = await response.text();
        const used = process.cpuUsage(cpu);
        return {
          ms: performance.now() - start,
          cpuMs: (used.user + used.system) / 1000,
          bytes: Buffer.byteLength(body),
        };
      });
    await once(); // warm-up
    const times: number[] = [];
    const cpus: number[] = [];
    let block = 0;
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const { result, maxMs } = await once();
      times.push(result.ms);
      cpus.push(result.cpuMs);
      block = Math.max(block, maxMs);
      bytes = result.bytes;
    }
    rows.push([
      engine,
      path.replace(slug, '…'),
      fmt(median(times)),
      fmt(median(cpus)),
      block.toFixed(0),
      fmt(bytes / 1024),
    ]);
  }
  return rows;
}
