/**
 * Starting the servers a benchmark measures: pinned to a core with taskset (the load generator
 * gets the other), in production mode, and ready once they print where they listen.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** `command` run on one core only, where taskset exists. */
export const pin = (core: number, command: string[]): string[] =>
  hasTaskset ? ['taskset', '-c', String(core), ...command] : command;

/** The environment of a measured `canvass serve`. */
export const SERVER_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  SECRET_KEY: 'bench-secret-key-that-is-comfortably-longer-than-32-bytes',
  LOG_LEVEL: 'warn',
  // The load comes from one address: the global rate limit (600/min by default) would 429 it.
  RATE_LIMIT: '0',
};

/** Where a `canvass serve` of the checkout `code` finds its surveys, database and data. */
export interface ServeOptions {
  readonly code: string;
  readonly surveys: string;
  readonly database: string;
  readonly dataDir: string;
}

/** The arguments of `canvass serve` on a free port, after the node executable. */
export const serveArgs = ({ code, surveys, database, dataDir }: ServeOptions): string[] => [
  join(code, 'bin/canvass.js'),
  'serve',
  '--port',
  '0',
  '--surveys',
  surveys,
  '--database',
  database,
  '--data-dir',
  dataDir,
];

export interface Started {
  readonly url: string;
  readonly child: ChildProcess;
}

/**
 * Runs `command` on core 0 and resolves with the URL it prints ("Listening on …"); rejects if
 * it exits first.
 */
export function startPinned(
  command: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<Started> {
  const [file, ...args] = pin(0, command);
  const child = spawn(file ?? 'node', args, { env, cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined) resolve({ url, child });
    });
    child.once('exit', (code) => {
      reject(new Error(`server exited with ${String(code)}: ${out}`));
    });
  });
}

/** Stops a started server and resolves once it has exited. */
export const stopServer = ({ child }: Started): Promise<unknown> =>
  new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });

/**
 * Runs the load generator (bench/load.ts) on core 1 against `url` with `scenario`, and
 * resolves with the JSON line it prints last.
 */
export async function runLoad<T>(
  root: string,
  url: string,
  connections: number,
  scenario: Record<string, unknown>,
): Promise<T> {
  const [file, ...args] = pin(1, [
    process.execPath,
    '--import',
    'tsx',
    join(root, 'bench/load.ts'),
    JSON.stringify({ url, connections, ...scenario }),
  ]);
  const child = spawn(file ?? 'node', args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as T;
}
