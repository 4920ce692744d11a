/**
 * The soak: many respondents taking a survey end to end, at a steady arrival rate, for a
 * bounded time, against a Canvass on loopback. Prints a row every few seconds (throughput,
 * errors, latency, server memory) and a verdict: zero errors, and memory that levelled off.
 *
 *   npm run soak -- --minutes 10 --rate 30 [--url http://127.0.0.1:3000 [--pid PID]]
 *
 * Without --url it starts its own production instance (SQLite in a temporary directory) and
 * afterwards checks the database holds exactly the responses the respondents completed.
 * Arrivals are open-loop (a new respondent every 1/rate s, whether or not earlier ones have
 * finished), with at most --concurrency in flight; arrivals beyond that wait in a backlog,
 * and a backlog that keeps growing means the rate is above capacity.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openStorage } from '../src/storage/index.js';
import { takeSurvey } from './soak/flow.js';
import { createClient } from './soak/http.js';
import { residentMb, startOwnServer, type OwnServer } from './soak/server.js';
import { Histogram, plateau, type Sample } from './soak/stats.js';

const optionsSchema = z.object({
  minutes: z.coerce.number().positive().max(1440),
  rate: z.coerce.number().positive().max(10_000),
  url: z.url().optional(),
  pid: z.coerce.number().int().positive().optional(),
  concurrency: z.coerce.number().int().positive().default(256),
  workers: z.coerce.number().int().min(1).default(1),
  survey: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('satisfaction'),
  every: z.coerce.number().positive().default(5),
});

const { values } = parseArgs({
  options: Object.fromEntries(
    Object.keys(optionsSchema.shape).map((name) => [name, { type: 'string' as const }]),
  ),
});
const options = optionsSchema.parse(values);

const own: OwnServer | undefined =
  options.url === undefined ? await startOwnServer(options.workers) : undefined;
const url = options.url ?? own?.url ?? '';
const serverPid = own?.pid ?? options.pid;
const client = createClient(url, options.concurrency);
console.log(
  `Soak: ${options.rate} respondents/s for ${options.minutes} min against ${url}` +
    `${own === undefined ? '' : ` (own production instance, ${options.workers} worker(s), pid ${own.pid})`}, at most ${options.concurrency} at once`,
);

const totals = { launched: 0, completed: 0, errors: 0, requests: 0, maxBacklog: 0 };
const firstErrors: string[] = [];
const overall = new Histogram();
const recent = new Histogram();
let arrivals = 0;
let backlog = 0;
let inFlight = 0;

function launch(): void {
  inFlight++;
  totals.launched++;
  takeSurvey(client, options.survey, (ms) => {
    overall.add(ms);
    recent.add(ms);
    totals.requests++;
  })
    .then(
      () => {
        totals.completed++;
      },
      (error: unknown) => {
        totals.errors++;
        if (firstErrors.length < 10) firstErrors.push(String(error));
      },
    )
    .finally(() => {
      inFlight--;
      pump();
    });
}

function pump(): void {
  while (backlog > 0 && inFlight < options.concurrency) {
    backlog--;
    launch();
  }
}

const started = performance.now();
const duration = options.minutes * 60_000;
const arrivalTimer = setInterval(() => {
  const due = Math.floor((Math.min(performance.now() - started, duration) / 1000) * options.rate);
  backlog += due - arrivals;
  arrivals = due;
  totals.maxBacklog = Math.max(totals.maxBacklog, backlog);
  pump();
}, 5);

const samples: Sample[] = [];
let last = { completed: 0, requests: 0, at: started };
console.log(
  '  time  flows/s  completed  errors  in-flight  backlog   req/s  p50 ms  p99 ms  server MB  client MB',
);
function sample(): void {
  const now = performance.now();
  const seconds = (now - started) / 1000;
  const span = (now - last.at) / 1000;
  const serverMb = serverPid === undefined ? undefined : residentMb(serverPid);
  samples.push({ seconds, serverMb });
  console.log(
    [
      `${seconds.toFixed(0)}s`.padStart(6),
      ((totals.completed - last.completed) / span).toFixed(1).padStart(8),
      String(totals.completed).padStart(10),
      String(totals.errors).padStart(7),
      String(inFlight).padStart(10),
      String(backlog).padStart(8),
      ((totals.requests - last.requests) / span).toFixed(0).padStart(7),
      recent.percentile(0.5).toFixed(1).padStart(7),
      recent.percentile(0.99).toFixed(1).padStart(7),
      (serverMb === undefined ? 'n/a' : serverMb.toFixed(1)).padStart(10),
      (process.memoryUsage().rss / 2 ** 20).toFixed(1).padStart(10),
    ].join(''),
  );
  recent.reset();
  last = { completed: totals.completed, requests: totals.requests, at: now };
}
const sampleTimer = setInterval(sample, options.every * 1000);

await new Promise((resolve) => setTimeout(resolve, duration));
clearInterval(arrivalTimer);
const notStarted = backlog;
backlog = 0;
for (let i = 0; i < 600 && inFlight > 0; i++) await new Promise((r) => setTimeout(r, 100));
clearInterval(sampleTimer);
sample();
client.close();
const elapsed = (performance.now() - started) / 1000;

console.log('\nResult');
console.log(
  `  respondents started ${totals.launched}, completed ${totals.completed}, errors ${totals.errors}, never started (backlog at the end) ${notStarted}, still in flight ${inFlight}`,
);
console.log(
  `  ${totals.requests} requests; ${(totals.completed / elapsed).toFixed(1)} respondents/s and ${(totals.requests / elapsed).toFixed(0)} requests/s on average; largest backlog ${totals.maxBacklog}`,
);
console.log(
  `  latency ms: p50 ${overall.percentile(0.5)}, p95 ${overall.percentile(0.95)}, p99 ${overall.percentile(0.99)}, max ${overall.percentile(1)}`,
);
for (const error of firstErrors) console.log(`  error: ${error}`);

const memory = plateau(samples);
if (memory === undefined)
  console.log('  memory: not measured (pass --pid with --url, or run longer)');
else {
  console.log(
    `  memory: median RSS ${memory.middleMedianMb.toFixed(1)} MB in the middle third, ${memory.lastMedianMb.toFixed(1)} MB in the last (allowed growth ${memory.allowedMb.toFixed(1)} MB; highest ${memory.lastMaxMb.toFixed(1)} MB); trend over both ${memory.slopeMbPerMin.toFixed(2)} MB/min (allowed < 1) → ${memory.ok ? 'plateau' : 'STILL GROWING'}`,
  );
}

let databaseOk = true;
if (own !== undefined) {
  const code = await own.stop();
  const storage = await openStorage(own.databaseUrl);
  const counts = (await storage.surveyCounts()).find((c) => c.survey === options.survey);
  await storage.close();
  own.dispose();
  const expected = { started: totals.launched, completed: totals.completed };
  const found = { started: counts?.started ?? 0, completed: counts?.completed ?? 0 };
  databaseOk =
    code === 0 && found.started === expected.started && found.completed === expected.completed;
  console.log(
    `  server exit code ${String(code)}; database: ${found.started} responses begun and ${found.completed} completed (expected ${expected.started} and ${expected.completed})`,
  );
}

const passed = totals.errors === 0 && inFlight === 0 && memory?.ok !== false && databaseOk;
console.log(
  `\nVerdict: ${passed ? 'PASS' : 'FAIL'} (errors must be 0, memory must plateau${own === undefined ? '' : ', the database must match'})`,
);
process.exitCode = passed ? 0 : 1;
