/**
 * `npm run bench`: Canvass (production mode, SQLite, and the same server on PostgreSQL when one
 * answers) against a bare node:http server, in the same run. Each server is pinned to core 0
 * and the load generator to core 1 with taskset: wrk for the fixed requests (baseline and
 * question page, bench/wrk.ts), autocannon with a cookie jar per connection for the flows
 * (bench/load.ts): the classic satisfaction flow, the format-2 course-evaluation flow (every
 * question kind) with the question page of a grid, and the branching engagement flow (pages,
 * conditions, revisions, one Back step per respondent; issue 15). After an unmeasured warm-up, rounds are interleaved (A B A B …) and medians
 * reported with the ratio to the baseline; SQLite and PostgreSQL each get a phase of their
 * own. The generator's own CPU use is shown so a saturated generator is visible rather than
 * mistaken for a server limit. The PostgreSQL ratio (its flows ÷ SQLite's flows of the same run)
 * is printed in the table and on a line of its own, for the branching flow too.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, printTable } from './lib/measure.js';
import { createTestDatabase, postgresUnavailableReason } from '../test/support/postgres.js';
import { ratiosChart } from './lib/chart.js';
import {
  hasTaskset,
  pin,
  runLoad,
  serveArgs,
  SERVER_ENV,
  startPinned,
  stopServer,
} from './lib/server.js';
import { ensureWrk, runWrk } from './wrk.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Unmeasured load per server and scenario before the rounds, so no round times V8 warming up. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = 32;
const root = fileURLToPath(new URL('..', import.meta.url));

interface Load {
  requestsPerSecond: number;
  flowsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  generatorCpu: number;
}

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  peakRss: number;
}

/** `command` started on core 0, its RSS sampled from then on. */
const start = (command: string[], env: NodeJS.ProcessEnv): Promise<Server> =>
  startPinned(command, env, root).then((started) => ({ ...started, peakRss: 0 }));

function rssOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

const useWrk = ensureWrk();

async function load(
  server: Server,
  scenario: Record<string, unknown>,
  seconds = SECONDS,
): Promise<Load> {
  const sampler = setInterval(
    () => (server.peakRss = Math.max(server.peakRss, rssOf(server.child.pid))),
    100,
  );
  try {
    if (useWrk && scenario.kind === 'page') {
      const cookie = typeof scenario.cookie === 'string' ? { cookie: scenario.cookie } : {};
      const result = await runWrk(pin(1, []), `${server.url}${String(scenario.path)}`, {
        connections: CONNECTIONS,
        seconds,
        headers: cookie,
      });
      return { ...result, flowsPerSecond: 0 };
    }
    return await autocannonLoad(server, { ...scenario, seconds });
  } finally {
    clearInterval(sampler);
  }
}

const autocannonLoad = (server: Server, scenario: Record<string, unknown>): Promise<Load> =>
  runLoad<Load>(root, server.url, CONNECTIONS, scenario);

/** A session cookie that has begun `slug`, so its first question page renders (200). */
async function beganCookie(url: string, slug = 'satisfaction'): Promise<string> {
  const start = await fetch(`${url}/surveys/${slug}`);
  const cookie = /^session=[^;]*/.exec(start.headers.getSetCookie()[0] ?? '')?.[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await start.text())?.[1] ?? '';
  const begin = await fetch(`${url}/surveys/${slug}/begin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  const began = /^session=[^;]*/.exec(begin.headers.getSetCookie()[0] ?? '')?.[0] ?? '';
  const check = await fetch(`${url}/surveys/${slug}/questions/0`, {
    headers: { cookie: began },
    redirect: 'manual',
  });
  if (check.status !== 200)
    throw new Error(`could not prepare a session: question page answered ${check.status}`);
  return began;
}

const dir = mkdtempSync(join(tmpdir(), 'canvass-bench-'));
const surveys = join(dir, 'surveys');
spawnSync('mkdir', ['-p', surveys]);
copyFileSync(join(root, 'surveys/satisfaction.yaml'), join(surveys, 'satisfaction.yaml'));
copyFileSync(join(root, 'surveys/course-evaluation.yaml'), join(surveys, 'course-evaluation.yaml'));
copyFileSync(join(root, 'surveys/engagement.yaml'), join(surveys, 'engagement.yaml'));
// The course's grid as a survey's first page: the question page of a grid (issue 14 item 9).
writeFileSync(
  join(surveys, 'grid.json'),
  JSON.stringify({
    title: 'Grid',
    questions: [
      {
        type: 'grid',
        text: 'How much do you agree with these statements?',
        rows: ['The explanations were clear', 'The pace was right', 'Feedback came in time'],
        columns: [
          { id: 'disagree', text: 'Disagree', value: 1 },
          { id: 'neutral', text: 'Neutral', value: 2 },
          { id: 'agree', text: 'Agree', value: 3 },
        ],
      },
    ],
  }),
);
writeFileSync(
  join(surveys, 'long.json'),
  JSON.stringify({
    title: 'Long',
    allowRetake: true,
    questions: Array.from({ length: 1000 }, (_, i) => ({ text: `Question ${i + 1}?` })),
  }),
);

/**
 * Starts `canvass serve` on the given database: the executable itself, as `npm start` and an
 * installed `canvass` run it, so the V8 memory settings of its first line apply.
 */
const serveOn = (database: string) =>
  start(serveArgs({ code: root, surveys, database, dataDir: dir }), SERVER_ENV);

const runs: Record<string, Load[]> = {
  base: [],
  page: [],
  answers: [],
  flow: [],
  grid: [],
  course: [],
  paths: [],
  pgBase: [],
  pgPage: [],
  pgAnswers: [],
  pgFlow: [],
  pgGrid: [],
  pgCourse: [],
  pgPaths: [],
};
const questionPath = '/surveys/satisfaction/questions/0';
const gridPath = '/surveys/grid/questions/0';

/**
 * One engine's phase: warm-up, then `ROUNDS` interleaved rounds of the baseline and
 * Canvass's three loads. Each engine has a phase of its own, with its own baseline rounds:
 * run side by side, PostgreSQL's background work after its rounds (autovacuum, checkpoints,
 * on either core) fell into the SQLite rounds that followed and took a sixth off them.
 */
async function phase(
  server: Server,
  keys: Record<'base' | 'page' | 'answers' | 'flow' | 'grid' | 'course' | 'paths', string>,
  baseline: Server,
): Promise<void> {
  const cookie = await beganCookie(server.url);
  const page = { kind: 'page', path: questionPath, cookie };
  const grid = { kind: 'page', path: gridPath, cookie: await beganCookie(server.url, 'grid') };
  if (WARMUP_SECONDS > 0) {
    process.stderr.write(`warm-up: ${WARMUP_SECONDS} s of each load, not measured\n`);
    await load(baseline, { kind: 'page', path: '/' }, WARMUP_SECONDS);
    await load(server, page, WARMUP_SECONDS);
    await load(server, { kind: 'flow', path: '/' }, WARMUP_SECONDS);
    await load(server, grid, WARMUP_SECONDS);
    await load(server, { kind: 'course', path: '/' }, WARMUP_SECONDS);
    await load(server, { kind: 'paths', path: '/' }, WARMUP_SECONDS);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    process.stderr.write(`round ${round}/${ROUNDS}\n`);
    runs[keys.base]?.push(await load(baseline, { kind: 'page', path: '/' }));
    runs[keys.page]?.push(await load(server, page));
    runs[keys.answers]?.push(await load(server, { kind: 'answers', path: '/' }));
    runs[keys.flow]?.push(await load(server, { kind: 'flow', path: '/' }));
    runs[keys.grid]?.push(await load(server, grid));
    runs[keys.course]?.push(await load(server, { kind: 'course', path: '/' }));
    runs[keys.paths]?.push(await load(server, { kind: 'paths', path: '/' }));
  }
}

const baseline = await start([process.execPath, 'bench/baseline-server.mjs'], SERVER_ENV);
const loadBefore = loadavg()[0] ?? 0;
process.stderr.write('SQLite\n');
const canvass = await serveOn(`sqlite:${join(dir, 'bench.db')}`);
await phase(
  canvass,
  {
    base: 'base',
    page: 'page',
    answers: 'answers',
    flow: 'flow',
    grid: 'grid',
    course: 'course',
    paths: 'paths',
  },
  baseline,
);
const loadAfter = loadavg()[0] ?? 0;
await stopServer(canvass);

// PostgreSQL (pooled connections), on a database made for this run.
const pgReason = await postgresUnavailableReason();
if (pgReason !== undefined) process.stderr.write(`PostgreSQL column left out: ${pgReason}\n`);
const pgDatabase = pgReason === undefined ? await createTestDatabase('canvass_bench') : undefined;
const onPostgres = pgDatabase === undefined ? undefined : await serveOn(pgDatabase.url);
if (onPostgres !== undefined) {
  process.stderr.write('PostgreSQL\n');
  const keys = {
    base: 'pgBase',
    page: 'pgPage',
    answers: 'pgAnswers',
    flow: 'pgFlow',
    grid: 'pgGrid',
    course: 'pgCourse',
    paths: 'pgPaths',
  };
  await phase(onPostgres, keys, baseline);
  await stopServer(onPostgres);
}
const loadAfterPg = loadavg()[0] ?? 0;
await stopServer(baseline);
await pgDatabase?.drop();
rmSync(dir, { recursive: true, force: true });

const m = (key: keyof typeof runs, field: keyof Load) =>
  median((runs[key] ?? []).map((r) => r[field]));
const hasPg = onPostgres !== undefined;
const pgCell = (text: () => string) => (hasPg ? text() : 'n/a');
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const latency = (key: keyof typeof runs) => `${ms(m(key, 'p50'))} / ${ms(m(key, 'p99'))}`;
const errors = Object.values(runs)
  .flat()
  .reduce((n, r) => n + r.errors, 0);
const figures = {
  pageRatio: m('page', 'requestsPerSecond') / m('base', 'requestsPerSecond'),
  flows: m('flow', 'flowsPerSecond'),
  flowP99: m('flow', 'p99'),
  rss: canvass.peakRss / 2 ** 20,
};
console.log(
  `\nCanvass HTTP benchmark: median of ${ROUNDS} interleaved rounds, ${SECONDS} s each, ${CONNECTIONS} connections, after ${WARMUP_SECONDS} s of unmeasured warm-up per load`,
);
console.log(
  `Node ${process.version}, ${availableParallelism()} cores, server on core 0 and load on core 1 (${hasTaskset ? 'taskset' : 'NOT pinned: taskset missing'}), 1-min load average before: ${loadBefore.toFixed(2)}, after SQLite: ${loadAfter.toFixed(2)}${hasPg ? `, after PostgreSQL: ${loadAfterPg.toFixed(2)}` : ''} (the run itself keeps both cores busy)`,
);
console.log(
  'Each engine runs in a phase of its own (SQLite first), with its own baseline rounds; the PostgreSQL ratio is against the baseline rounds of its phase',
);
console.log(
  `Load generators: ${useWrk ? 'wrk' : 'autocannon (wrk missing: the baseline may be capped by the generator)'} for the baseline and the question page, autocannon for answers and flows\n`,
);
printTable(
  ['measure', 'Canvass (SQLite)', 'bare node:http', 'ratio', 'target', 'Canvass (PostgreSQL)'],
  [
    [
      'question page, req/s',
      fmt(m('page', 'requestsPerSecond')),
      fmt(m('base', 'requestsPerSecond')),
      ratio(m('page', 'requestsPerSecond'), m('base', 'requestsPerSecond')),
      '≥ 0.50×',
      pgCell(
        () =>
          `${fmt(m('pgPage', 'requestsPerSecond'))} (${ratio(m('pgPage', 'requestsPerSecond'), m('pgBase', 'requestsPerSecond'))})`,
      ),
    ],
    [
      'question page p50 / p99',
      latency('page'),
      latency('base'),
      '',
      '',
      pgCell(() => latency('pgPage')),
    ],
    [
      'answer POST + redirect, req/s',
      fmt(m('answers', 'requestsPerSecond')),
      '',
      '',
      '',
      pgCell(() => fmt(m('pgAnswers', 'requestsPerSecond'))),
    ],
    [
      'answers stored per second',
      fmt(m('answers', 'requestsPerSecond') / 2),
      '',
      '',
      '',
      pgCell(() => fmt(m('pgAnswers', 'requestsPerSecond') / 2)),
    ],
    [
      'completed satisfaction surveys/s',
      fmt(figures.flows),
      '',
      '',
      '≥ 1,000',
      pgCell(() => fmt(m('pgFlow', 'flowsPerSecond'))),
    ],
    [
      'grid question page (format 2), req/s',
      fmt(m('grid', 'requestsPerSecond')),
      fmt(m('base', 'requestsPerSecond')),
      ratio(m('grid', 'requestsPerSecond'), m('base', 'requestsPerSecond')),
      '≥ 0.50×',
      pgCell(
        () =>
          `${fmt(m('pgGrid', 'requestsPerSecond'))} (${ratio(m('pgGrid', 'requestsPerSecond'), m('pgBase', 'requestsPerSecond'))})`,
      ),
    ],
    [
      'completed course-evaluation surveys/s (15 pages, every kind)',
      fmt(m('course', 'flowsPerSecond')),
      '',
      '',
      '≥ 1,000',
      pgCell(() => fmt(m('pgCourse', 'flowsPerSecond'))),
    ],
    [
      'course-evaluation flow p50 / p99',
      latency('course'),
      '',
      '',
      '',
      pgCell(() => latency('pgCourse')),
    ],
    [
      'completed engagement surveys/s (branching, one Back step each)',
      fmt(m('paths', 'flowsPerSecond')),
      '',
      '',
      '≥ 1,000',
      pgCell(() => fmt(m('pgPaths', 'flowsPerSecond'))),
    ],
    ['engagement flow p50 / p99', latency('paths'), '', '', '', pgCell(() => latency('pgPaths'))],
    [
      'PostgreSQL ÷ SQLite, engagement flows',
      '',
      '',
      '',
      '',
      pgCell(() => ratio(m('pgPaths', 'flowsPerSecond'), m('paths', 'flowsPerSecond'))),
    ],
    [
      'PostgreSQL flows ÷ SQLite flows',
      '',
      '',
      '',
      '≥ 0.60×',
      pgCell(() => ratio(m('pgFlow', 'flowsPerSecond'), figures.flows)),
    ],
    [
      'flow requests p50 / p99',
      latency('flow'),
      '',
      '',
      'p99 < 20 ms',
      pgCell(() => latency('pgFlow')),
    ],
    [
      'peak server RSS',
      mb(canvass.peakRss),
      mb(baseline.peakRss),
      '',
      '≤ 100 MB',
      pgCell(() => mb(onPostgres?.peakRss ?? 0)),
    ],
    ['errors (all runs)', String(errors), '', '', '0', ''],
    [
      'load generator CPU (page / flow)',
      `${(m('page', 'generatorCpu') * 100).toFixed(0)}% / ${(m('flow', 'generatorCpu') * 100).toFixed(0)}%`,
      `${(m('base', 'generatorCpu') * 100).toFixed(0)}%`,
      '',
      '< 100%',
      pgCell(
        () =>
          `${(m('pgPage', 'generatorCpu') * 100).toFixed(0)}% / ${(m('pgFlow', 'generatorCpu') * 100).toFixed(0)}%`,
      ),
    ],
  ],
);

if (hasPg) {
  // The one figure the PostgreSQL path is judged by (issue 18): both engines' flows come
  // from the same run, so the machine's speed of the moment cancels out.
  console.log(
    `\nPostgreSQL ratio: ${ratio(m('pgFlow', 'flowsPerSecond'), figures.flows)} (PostgreSQL flows ÷ SQLite flows of this run: ${fmt(m('pgFlow', 'flowsPerSecond'))} ÷ ${fmt(figures.flows)}; target ≥ 0.60×)`,
  );
  console.log(
    `PostgreSQL ratio, branching engagement flow: ${ratio(m('pgPaths', 'flowsPerSecond'), m('paths', 'flowsPerSecond'))} (${fmt(m('pgPaths', 'flowsPerSecond'))} ÷ ${fmt(m('paths', 'flowsPerSecond'))})`,
  );
}

const svgPath = process.env.BENCH_SVG;
if (svgPath !== undefined) {
  writeFileSync(svgPath, ratiosChart(figures, new Date().toISOString().slice(0, 10)));
  console.log(`\nWrote the chart of the ratios to ${svgPath}`);
}
