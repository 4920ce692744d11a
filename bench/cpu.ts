/**
 * `npm run bench:cpu`: the server's own CPU time per completed flow, the figure that moves
 * least with the rest of the machine's load (docs/performance.md). Each server is pinned to
 * core 0 and the generator (bench/load.ts) to core 1, as in `npm run bench`; the server's
 * user + system time is read from `/proc/PID/stat` before and after each load and divided by
 * the requests served in it, times the requests of a flow. On PostgreSQL only Canvass's own process is counted, not the
 * database's.
 *
 * A/B in one run: `BENCH_ROOTS=/copy/of/old,.` starts one server per checkout (each built,
 * `npm run build`) and interleaves their loads round by round. Other settings:
 * `BENCH_KINDS` (flow, course, paths; default all), `BENCH_ENGINES` (sqlite, postgres; default
 * both when PostgreSQL answers), `BENCH_ROUNDS` (3), `BENCH_SECONDS` (5), `BENCH_PROF=DIR`
 * (servers write V8 CPU profiles there when they stop).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, printTable } from './lib/measure.js';
import {
  runLoad,
  serveArgs,
  SERVER_ENV,
  startPinned,
  stopServer,
  type Started,
} from './lib/server.js';
import { createTestDatabase, postgresUnavailableReason } from '../test/support/postgres.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = 32;
const roots = (process.env.BENCH_ROOTS ?? '.').split(',').map((r) => resolve(root, r));
const kinds = (process.env.BENCH_KINDS ?? 'flow,course,paths').split(',');
const prof = process.env.BENCH_PROF === undefined ? undefined : resolve(process.env.BENCH_PROF);
/** Requests of one flow (bench/load.ts); the branching flow alternates 14 and 12. */
const REQUESTS_PER_FLOW: Record<string, number> = { flow: 11, course: 33, paths: 13 };
/** The clock ticks `/proc` counts CPU time in (USER_HZ: 100 on Linux). */
const TICK_US = 10_000;

interface Server extends Started {
  readonly label: string;
}

function cpuTicks(pid: number | undefined): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const dir = mkdtempSync(join(tmpdir(), 'canvass-cpu-'));
const surveys = join(dir, 'surveys');
mkdirSync(surveys);
for (const name of ['satisfaction.yaml', 'course-evaluation.yaml', 'engagement.yaml'])
  copyFileSync(join(root, 'surveys', name), join(surveys, name));
if (prof !== undefined) mkdirSync(prof, { recursive: true });

/** `canvass serve` of the checkout at `code`, with the V8 settings of bin/canvass.js's first line. */
async function serve(label: string, code: string, database: string): Promise<Server> {
  const shebang = readFileSync(join(code, 'bin/canvass.js'), 'utf8').split('\n')[0] ?? '';
  const v8 = shebang.split(' node ')[1]?.split(' ') ?? [];
  const profiling = prof === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${prof}`];
  const command = [process.execPath, ...v8, ...profiling];
  const args = serveArgs({ code, surveys, database, dataDir: dir });
  return { label, ...(await startPinned([...command, ...args], SERVER_ENV)) };
}

interface Measured {
  readonly flowsPerSecond: number;
  readonly cpuPerFlowUs: number;
  readonly serverBusy: number;
  readonly errors: number;
}

async function measure(server: Server, kind: string, seconds: number): Promise<Measured> {
  const before = cpuTicks(server.child.pid);
  const started = performance.now();
  const result = await runLoad<{ flowsPerSecond: number; totalRequests: number; errors: number }>(
    root,
    server.url,
    CONNECTIONS,
    { kind, path: '/', seconds },
  );
  const ticks = cpuTicks(server.child.pid) - before;
  const wall = (performance.now() - started) * 1000;
  // Per request, then times a flow's requests: a short run on a busy machine completes few
  // flows, and the 32 flows under way when it ends would weigh on a count of flows.
  const cpuPerRequest = (ticks * TICK_US) / result.totalRequests;
  return {
    flowsPerSecond: result.flowsPerSecond,
    cpuPerFlowUs: cpuPerRequest * (REQUESTS_PER_FLOW[kind] ?? NaN),
    serverBusy: (ticks * TICK_US) / wall,
    errors: result.errors,
  };
}

const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const pgReason = engines.includes('postgres') ? await postgresUnavailableReason() : 'not asked';
const databases: { engine: string; url: (i: number) => Promise<string> }[] = [];
if (engines.includes('sqlite'))
  databases.push({ engine: 'SQLite', url: (i) => Promise.resolve(`sqlite:${dir}/cpu-${i}.db`) });
const dropLater: (() => Promise<void>)[] = [];
if (pgReason === undefined)
  databases.push({
    engine: 'PostgreSQL',
    url: async () => {
      const db = await createTestDatabase('canvass_cpu');
      dropLater.push(() => db.drop());
      return db.url;
    },
  });

const load = loadavg()[0] ?? 0;
const rows: string[][] = [];
for (const { engine, url } of databases) {
  const servers: Server[] = [];
  for (const [i, code] of roots.entries())
    servers.push(await serve(`${engine} ${code}`, code, await url(i)));
  const results = new Map<string, Measured[]>();
  for (const kind of kinds)
    for (const server of servers) await measure(server, kind, WARMUP_SECONDS);
  for (let round = 1; round <= ROUNDS; round++) {
    process.stderr.write(`${engine}: round ${round}/${ROUNDS}\n`);
    for (const kind of kinds)
      for (const server of servers) {
        const key = `${kind}\t${server.label}`;
        results.set(key, [...(results.get(key) ?? []), await measure(server, kind, SECONDS)]);
      }
  }
  for (const server of servers) await stopServer(server);
  for (const [key, runs] of results) {
    const [kind = '', label = ''] = key.split('\t');
    const m = (field: keyof Measured) => median(runs.map((r) => r[field]));
    rows.push([
      kind,
      label,
      fmt(m('cpuPerFlowUs')),
      runs.map((r) => fmt(r.cpuPerFlowUs)).join(' '),
      fmt(m('flowsPerSecond')),
      `${(m('serverBusy') * 100).toFixed(0)} %`,
      String(runs.reduce((n, r) => n + r.errors, 0)),
    ]);
  }
  process.stderr.write(`${rows.map((row) => row.join('  ')).join('\n')}\n`);
}
for (const drop of dropLater) await drop();
rmSync(dir, { recursive: true, force: true });
console.log(
  `\nServer CPU per completed flow: median of ${ROUNDS} interleaved rounds × ${SECONDS} s, ${CONNECTIONS} connections; 1-min load ${load.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after${pgReason === undefined || pgReason === 'not asked' ? '' : `; PostgreSQL left out: ${pgReason}`}`,
);
printTable(['flow', 'server', 'µs CPU/flow', 'rounds', 'flows/s', 'server busy', 'errors'], rows);
