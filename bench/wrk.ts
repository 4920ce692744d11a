/**
 * wrk (Debian's `wrk` package) as the load generator for the fixed-request measurements: the
 * bare node:http baseline and the question page with one session cookie. autocannon, written
 * in JavaScript, saturates its core at about the baseline's rate on a 2-core machine, which
 * would cap the baseline and flatter every ratio; wrk, in C, drives the same load at a
 * fraction of its core. The flows keep autocannon: each connection needs its own cookie jar
 * and CSRF token, which wrk's per-thread scripting cannot give, and Canvass's flow rate is
 * far below what autocannon can drive.
 */
import { spawn, spawnSync } from 'node:child_process';

export interface WrkResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  generatorCpu: number;
}

/** Whether wrk can run; when it is missing and this is root on Debian, installs it first. */
export function ensureWrk(): boolean {
  if (spawnSync('wrk', ['--version']).error === undefined) return true;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).error !== undefined) {
    return false;
  }
  process.stderr.write('wrk is not installed: installing Debian’s wrk package (apt-get)\n');
  const install = spawnSync('apt-get', ['install', '-y', '-q', 'wrk'], { stdio: 'ignore' });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', '-q', 'wrk'], { stdio: 'ignore' });
  }
  return spawnSync('wrk', ['--version']).error === undefined;
}

/** wrk's latency text ("812.00us", "1.20ms", "2.01s") in milliseconds. */
function millis(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (match === null) return NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

/**
 * Runs wrk with one thread (on the core `prefix` pins it to) against `url` and reads its
 * report. The generator's CPU comes from the shell's `times` (user + system of its children).
 */
export async function runWrk(
  prefix: readonly string[],
  url: string,
  options: { connections: number; seconds: number; headers: Record<string, string> },
): Promise<WrkResult> {
  const headers = Object.entries(options.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const command = [
    ...prefix,
    'wrk',
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    ...headers,
    url,
  ];
  const quoted = command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
  // Asynchronous, so the caller's RSS sampler keeps running while wrk does.
  const child = spawn('bash', ['-c', `${quoted}; times`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || !out.includes('Requests/sec')) throw new Error(`wrk failed: ${err}${out}`);
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const p50 = millis(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? '');
  const p99 = millis(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket === null ? 0 : socket.slice(1).reduce((n, x) => n + Number(x), 0);
  // `times` prints the shell's own times, then its children's: "0m1.234s 0m0.567s".
  const children = out.trim().split('\n').pop() ?? '';
  const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (s, m) => s + Number(m[1]) * 60 + Number(m[2]),
    0,
  );
  return {
    requestsPerSecond: rate,
    p50,
    p99,
    errors: non2xx + socketErrors,
    generatorCpu: cpu / options.seconds,
  };
}
