/**
 * `npm run bench:results`: the owners' pages under load of data, on both engines. Seeds one
 * survey (12 questions) with 10,000 then 100,000 responses (~1,000,000 answers) straight in
 * SQL, then times the results page and a full CSV and XLSX export over real HTTP, and samples
 * the process's RSS during each export: constant-memory streaming shows as the same peak at 10k
 * and 100k rows. Then a 1,000-question × 50-choice survey's results pages (bench/results-big.ts)
 * with the longest event-loop block each caused, as for the 12-question page (issue 18 item 5).
 * Creates and drops its own PostgreSQL database; prints figures, asserts nothing about speed.
 *
 * The npm script caps the old generation at 128 MB: without a cap V8 lets collectable garbage
 * pile up before a major GC (RSS then tracks allocation volume, not what is held), and with
 * it an export that held its rows would die of OOM at 100k instead of finishing flat.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { surveyFileSchema, type Survey } from '../src/domain/index.js';
import { buildApp } from '../src/http/index.js';
import { createSessionManager } from '@canvass/session';
import { openStorage } from '../src/storage/index.js';
import { Browser, httpTransport } from '../test/support/browser.js';
import { createTestDatabase } from '../test/support/postgres.js';
import { withLoopBlock } from './lib/loop-block.js';
import { fmt, median, printTable } from './lib/measure.js';
import { BIG_QUESTIONS, BIG_RESPONSES, bigSeedSql, bigSurvey, measureBig } from './results-big.js';
import { COURSE_RESPONSES, courseSeedSql, courseSurvey, measureCourse } from './results-course.js';

const QUESTIONS = 12;
const SIZES = [10_000, 100_000];
const PASSWORD = 'bench-admin-password';
const survey: Survey = {
  slug: 'bench',
  ...surveyFileSchema.parse({
    title: 'Benchmark',
    questions: Array.from({ length: QUESTIONS }, (_, i) => ({
      text: `Question ${i + 1}?`,
      choices: ['Choice 1', 'Choice 2', 'Choice 3', 'Choice 4'],
      allowText: i === QUESTIONS - 1,
    })),
  }),
};

interface Engine {
  name: string;
  url: string;
  exec(text: string): Promise<void>;
  explain(text: string): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Seeding in two statements of SQL the engines share (WITH RECURSIVE … INSERT): responses
 * `from < id <= to`, 4 in 5 complete, the rest stopping part-way; answers spread over the
 * choices; a comment on every third last answer.
 */
function seedSql(versionId: number, count: number): string[] {
  const at = "'2024-01-01T00:00:00.000Z'";
  return [
    `with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${count})
     insert into responses (survey, version_id, started_at, completed_at)
     select 'bench', ${versionId}, ${at}, case when n % 5 = 0 then null else ${at} end from seq`,
    `with recursive q(i) as (select 0 union all select i + 1 from q where i < ${QUESTIONS - 1})
     insert into answers (response_id, version_id, question, answer, comment, answered_at)
     select r.id, r.version_id, q.i, 'Choice ' || ((r.id * 7 + q.i * 13) % 4 + 1),
       case when q.i = ${QUESTIONS - 1} and r.id % 3 = 0 then 'Comment ' || r.id else null end, ${at}
     from responses r join q on (r.completed_at is not null or q.i < (r.id / 5) % ${QUESTIONS})
     where r.version_id = ${versionId}
       and not exists (select 1 from answers a where a.response_id = r.id)`,
  ];
}

function sqliteEngine(): Promise<Engine> {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-bench-'));
  const file = join(dir, 'canvass.db');
  const withDb = <T>(run: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(file);
    try {
      return run(db);
    } finally {
      db.close();
    }
  };
  return Promise.resolve({
    name: 'sqlite',
    url: `sqlite:${file}`,
    exec: (text) => {
      withDb((db) => db.exec(text));
      return Promise.resolve();
    },
    explain: (text) =>
      Promise.resolve(
        withDb((db) =>
          (db.prepare(`explain query plan ${text}`).all() as { detail: string }[])
            .map((row) => row.detail)
            .join('\n'),
        ),
      ),
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
}

async function postgresEngine(): Promise<Engine> {
  const database = await createTestDatabase('canvass_bench');
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await client.query<Record<string, string>>(text);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    url: database.url,
    exec: async (text) => {
      await query(text);
    },
    explain: async (text) =>
      (await query(`explain ${text}`)).rows.map((row) => row['QUERY PLAN']).join('\n'),
    dispose: () => database.drop(),
  };
}

/** Reads a whole response body chunk by chunk, keeping none of it; returns its size. */
async function drain(response: Response): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes, lines };
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
  }
}

async function measure(base: string, cookie: string) {
  const get = (path: string) => fetch(`${base}${path}`, { headers: { cookie } });
  const page = () =>
    withLoopBlock(async () => {
      const start = performance.now();
      const response = await get('/admin/surveys/bench');
      if (response.status !== 200) throw new Error(`results page: ${response.status}`);
      await response.text();
      return performance.now() - start;
    });
  await page(); // warm-up: statement caches, page cache
  const pageTimes = [];
  let pageBlockMs = 0;
  for (let i = 0; i < 5; i++) {
    const { result, maxMs } = await page();
    pageTimes.push(result);
    pageBlockMs = Math.max(pageBlockMs, maxMs);
  }

  const csv = await exportMemory(() => get('/admin/surveys/bench/responses.csv'));
  const xlsx = await exportMemory(() => get('/admin/surveys/bench/responses.xlsx'));
  return {
    pageMs: median(pageTimes),
    pageBlockMs,
    exportMs: csv.ms,
    bytes: csv.bytes,
    rows: csv.lines - 1,
    baseline: csv.baseline,
    peak: csv.peak,
    heapPeak: csv.heapPeak,
    xlsx,
  };
}

/**
 * Downloads one export, sampling the process's RSS (and JS heap + external) every 5 ms from a
 * collected baseline: constant-memory streaming shows as the same growth at 10k and 100k rows.
 */
async function exportMemory(download: () => Promise<Response>) {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let heapPeak = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    heapPeak = Math.max(heapPeak, usage.heapUsed + usage.external);
  }, 5);
  const start = performance.now();
  const response = await download();
  if (response.status !== 200) throw new Error(`export: ${response.status}`);
  const { bytes, lines } = await drain(response);
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, bytes, lines, baseline, peak, heapPeak };
}

const MB = 1024 * 1024;
const rows: string[][] = [];
const bigRows: string[][] = [];
const courseRows: string[][] = [];
const ENGINES = { sqlite: sqliteEngine, postgres: postgresEngine };
// BENCH_ENGINES=postgres runs one engine only (both by default).
const chosen = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(
  ',',
) as (keyof typeof ENGINES)[];
// BENCH_PARTS=course measures the course-evaluation sample only (all three by default).
const parts = new Set((process.env.BENCH_PARTS ?? 'big,course,classic').split(','));
for (const make of chosen.map((name) => ENGINES[name])) {
  const engine = await make();
  const storage = await openStorage(engine.url);
  const sessions = createSessionManager({
    secrets: ['bench-secret-key-that-is-at-least-32-bytes'],
  });
  const app = await buildApp({
    surveys: [survey, bigSurvey, courseSurvey],
    storage,
    sessions,
    adminPassword: PASSWORD,
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const browser = new Browser(httpTransport(base), base);
    await browser.get('/admin/login');
    if ((await browser.post('/admin/login', { password: PASSWORD })).status !== 303)
      throw new Error('admin login failed');
    const cookie = await browser.jar.getCookieString(base);
    const versionId = (await storage.listVersions('bench'))[0]?.id ?? 0;
    // The long survey first, on an empty database: its seeding is the slow part.
    if (parts.has('big')) {
      const start = performance.now();
      const bigVersion = (await storage.listVersions('big'))[0]?.id ?? 0;
      for (const text of bigSeedSql(bigVersion)) await engine.exec(text);
      await engine.exec(engine.name === 'postgres' ? 'vacuum analyze' : 'analyze');
      console.error(`${engine.name} long survey seeded in ${fmt(performance.now() - start)} ms`);
      bigRows.push(...(await measureBig(engine.name, base, cookie, storage)));
    }
    if (parts.has('course')) {
      const start = performance.now();
      const courseVersion = (await storage.listVersions('course-evaluation'))[0]?.id ?? 0;
      for (const text of courseSeedSql(courseVersion)) await engine.exec(text);
      await engine.exec(engine.name === 'postgres' ? 'vacuum analyze' : 'analyze');
      console.error(`${engine.name} course survey seeded in ${fmt(performance.now() - start)} ms`);
      courseRows.push(...(await measureCourse(engine.name, base, cookie)));
    }
    let seeded = 0;
    for (const size of parts.has('classic') ? SIZES : []) {
      const start = performance.now();
      for (const text of seedSql(versionId, size - seeded)) await engine.exec(text);
      // What autovacuum / a periodic ANALYZE would have done by then on a live server.
      await engine.exec(engine.name === 'postgres' ? 'vacuum analyze' : 'analyze');
      const seedMs = performance.now() - start;
      seeded = size;
      const m = await measure(base, cookie);
      if (m.rows !== size) throw new Error(`export had ${m.rows} rows, expected ${size}`);
      rows.push([
        engine.name,
        fmt(size),
        fmt(seedMs),
        fmt(m.pageMs),
        m.pageBlockMs.toFixed(0),
        fmt(m.exportMs),
        (m.bytes / MB).toFixed(1),
        (m.baseline / MB).toFixed(0),
        (m.peak / MB).toFixed(0),
        ((m.peak - m.baseline) / MB).toFixed(1),
        (m.heapPeak / MB).toFixed(0),
        fmt(m.xlsx.ms),
        (m.xlsx.bytes / MB).toFixed(1),
        ((m.xlsx.peak - m.xlsx.baseline) / MB).toFixed(1),
        (m.xlsx.heapPeak / MB).toFixed(0),
      ]);
      console.error(`${engine.name} ${fmt(size)} done`);
    }
    console.log(`\n${engine.name}: plan of the per-choice counts (results page)`);
    console.log(
      await engine.explain(
        `select question, answer, count(*) from answers where version_id = ${versionId} group by question, answer`,
      ),
    );
  } finally {
    await app.close();
    await storage.close();
    await engine.dispose();
  }
}

console.log(`\nResults page, CSV and XLSX exports, ${QUESTIONS} questions per response:\n`);
printTable(
  [
    'engine',
    'responses',
    'seed ms',
    'results page ms (median of 5)',
    'max event-loop block ms',
    'CSV export ms',
    'CSV MB',
    'RSS before MB',
    'RSS peak MB',
    'RSS growth MB',
    'JS heap + external peak MB',
    'XLSX export ms',
    'XLSX MB',
    'XLSX RSS growth MB',
    'XLSX JS heap + external peak MB',
  ],
  rows,
);

console.log(
  `\nResults of a ${fmt(BIG_QUESTIONS)}-question × 50-choice survey, ${fmt(BIG_RESPONSES)} responses (50 questions a page):\n`,
);
printTable(
  ['engine', 'page', 'ms (median of 5)', 'max event-loop block ms', 'CPU ms (median)', 'KB'],
  bigRows,
);
console.log(
  `\nResults of the course-evaluation sample (every question kind), ${fmt(COURSE_RESPONSES)} responses (target < 1,000 ms each):\n`,
);
printTable(
  [
    'engine',
    'request',
    'ms (median of 5)',
    'CPU ms of the server process (median)',
    'max event-loop block ms',
    'KB',
  ],
  courseRows,
);
console.log(
  `\nLoad average during the run: ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores.`,
);
