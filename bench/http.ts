/**
 * `npm run bench`: Canvass (production mode, SQLite) against a bare node:http server, in the
 * same run. Each server is pinned to core 0 and the load generator to core 1 with taskset:
 * wrk for the fixed requests (baseline and question page, bench/wrk.ts), autocannon with a
 * cookie jar per connection for the flows (bench/load.ts); rounds are interleaved (A B A B …) and medians reported with the
 * ratio to the baseline. The generator's own CPU use is shown so a saturated generator is
 * visible rather than mistaken for a server limit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, printTable } from './lib/measure.js';
import { ensureWrk, runWrk } from './wrk.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;
const root = fileURLToPath(new URL('..', import.meta.url));
const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pin = (core: number, command: string[]) =>
  hasTaskset ? ['taskset', '-c', String(core), ...command] : command;

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

function start(command: string[], env: NodeJS.ProcessEnv): Promise<Server> {
  const [file, ...args] = pin(0, command);
  const child = spawn(file ?? 'node', args, {
    env,
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined) resolve({ url, child, peakRss: 0 });
    });
    child.once('exit', (code) => {
      reject(new Error(`server exited with ${String(code)}: ${out}`));
    });
  });
}

function rssOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

const useWrk = ensureWrk();

async function load(server: Server, scenario: Record<string, unknown>): Promise<Load> {
  const sampler = setInterval(
    () => (server.peakRss = Math.max(server.peakRss, rssOf(server.child.pid))),
    100,
  );
  try {
    if (useWrk && scenario.kind === 'page') {
      const cookie = typeof scenario.cookie === 'string' ? { cookie: scenario.cookie } : {};
      const result = await runWrk(pin(1, []), `${server.url}${String(scenario.path)}`, {
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers: cookie,
      });
      return { ...result, flowsPerSecond: 0 };
    }
    return await autocannonLoad(server, scenario);
  } finally {
    clearInterval(sampler);
  }
}

async function autocannonLoad(server: Server, scenario: Record<string, unknown>): Promise<Load> {
  const [file, ...args] = pin(1, [
    process.execPath,
    '--import',
    'tsx',
    join(root, 'bench/load.ts'),
    JSON.stringify({ url: server.url, connections: CONNECTIONS, seconds: SECONDS, ...scenario }),
  ]);
  const child = spawn(file ?? 'node', args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Load;
}

/** A session cookie that has begun `satisfaction`, so the question page renders (200). */
async function beganCookie(url: string): Promise<string> {
  const start = await fetch(`${url}/surveys/satisfaction`);
  const cookie = /^session=[^;]*/.exec(start.headers.getSetCookie()[0] ?? '')?.[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await start.text())?.[1] ?? '';
  const begin = await fetch(`${url}/surveys/satisfaction/begin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  const began = /^session=[^;]*/.exec(begin.headers.getSetCookie()[0] ?? '')?.[0] ?? '';
  const check = await fetch(`${url}/surveys/satisfaction/questions/0`, {
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
writeFileSync(
  join(surveys, 'long.json'),
  JSON.stringify({
    title: 'Long',
    allowRetake: true,
    questions: Array.from({ length: 1000 }, (_, i) => ({ text: `Question ${i + 1}?` })),
  }),
);

const env = {
  ...process.env,
  NODE_ENV: 'production',
  SECRET_KEY: 'bench-secret-key-that-is-comfortably-longer-than-32-bytes',
  LOG_LEVEL: 'warn',
  // The load comes from one address: the global rate limit (600/min by default) would 429 it.
  RATE_LIMIT: '0',
};
const canvass = await start(
  [
    process.execPath,
    'bin/canvass.js',
    'serve',
    '--port',
    '0',
    '--surveys',
    surveys,
    '--database',
    `sqlite:${join(dir, 'bench.db')}`,
    '--data-dir',
    dir,
  ],
  env,
);
const baseline = await start([process.execPath, 'bench/baseline-server.mjs'], env);
const cookie = await beganCookie(canvass.url);

const runs: Record<string, Load[]> = { base: [], page: [], answers: [], flow: [] };
const loadBefore = loadavg()[0] ?? 0;
for (let round = 1; round <= ROUNDS; round++) {
  process.stderr.write(`round ${round}/${ROUNDS}\n`);
  runs.base?.push(await load(baseline, { kind: 'page', path: '/' }));
  runs.page?.push(
    await load(canvass, { kind: 'page', path: '/surveys/satisfaction/questions/0', cookie }),
  );
  runs.answers?.push(await load(canvass, { kind: 'answers', path: '/' }));
  runs.flow?.push(await load(canvass, { kind: 'flow', path: '/' }));
}
canvass.child.kill('SIGTERM');
baseline.child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });

const m = (key: keyof typeof runs, field: keyof Load) =>
  median((runs[key] ?? []).map((r) => r[field]));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(
  `\nCanvass HTTP benchmark: median of ${ROUNDS} interleaved rounds, ${SECONDS} s each, ${CONNECTIONS} connections`,
);
console.log(
  `Node ${process.version}, ${availableParallelism()} cores, server on core 0 and load on core 1 (${hasTaskset ? 'taskset' : 'NOT pinned: taskset missing'}), 1-min load average before: ${loadBefore.toFixed(2)}`,
);
console.log(
  `Load generators: ${useWrk ? 'wrk' : 'autocannon (wrk missing: the baseline may be capped by the generator)'} for the baseline and the question page, autocannon for answers and flows\n`,
);
printTable(
  ['measure', 'Canvass', 'bare node:http', 'ratio', 'target'],
  [
    [
      'question page, req/s',
      fmt(m('page', 'requestsPerSecond')),
      fmt(m('base', 'requestsPerSecond')),
      ratio(m('page', 'requestsPerSecond'), m('base', 'requestsPerSecond')),
      '≥ 0.50×',
    ],
    [
      'question page p50 / p99',
      `${ms(m('page', 'p50'))} / ${ms(m('page', 'p99'))}`,
      `${ms(m('base', 'p50'))} / ${ms(m('base', 'p99'))}`,
      '',
      '',
    ],
    ['answer POST + redirect, req/s', fmt(m('answers', 'requestsPerSecond')), '', '', ''],
    ['answers stored per second', fmt(m('answers', 'requestsPerSecond') / 2), '', '', ''],
    ['completed satisfaction surveys/s', fmt(m('flow', 'flowsPerSecond')), '', '', '≥ 1,000'],
    [
      'flow requests p50 / p99',
      `${ms(m('flow', 'p50'))} / ${ms(m('flow', 'p99'))}`,
      '',
      '',
      'p99 < 20 ms',
    ],
    [
      'peak server RSS',
      `${(canvass.peakRss / 2 ** 20).toFixed(0)} MB`,
      `${(baseline.peakRss / 2 ** 20).toFixed(0)} MB`,
      '',
      '≤ 100 MB',
    ],
    [
      'errors (all runs)',
      String(
        Object.values(runs)
          .flat()
          .reduce((n, r) => n + r.errors, 0),
      ),
      '',
      '',
      '0',
    ],
    [
      'load generator CPU (page / flow)',
      `${(m('page', 'generatorCpu') * 100).toFixed(0)}% / ${(m('flow', 'generatorCpu') * 100).toFixed(0)}%`,
      `${(m('base', 'generatorCpu') * 100).toFixed(0)}%`,
      '',
      '< 100%',
    ],
  ],
);
