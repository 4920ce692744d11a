import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/canvass.js', import.meta.url));

/** A running `canvass` process: its base URL and everything it printed. */
export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  output(): string;
  /**
   * Resolves with the output once it matches PATTERN (a reload logs after its effects are
   * visible over HTTP, so a test that saw them waits for the line); rejects after 10 s.
   */
  outputMatching(pattern: RegExp): Promise<string>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The environment a spawned server gets: this one, minus anything that would configure Canvass. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'SECRET_KEY',
    'SECRET_KEY_FALLBACKS',
    'DATABASE_URL',
    'PORT',
    'HOST',
    'CANVASS_SURVEYS',
    'CANVASS_DATA_DIR',
    'SESSION_FORMAT',
    'SESSION_STORE',
    'SESSION_COOKIE_SECURE',
    'RATE_LIMIT',
    'TRUST_PROXY',
    'NODE_ENV',
    'NODE_OPTIONS',
  ]) {
    // Some keys are not set; deleting them is harmless.
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    delete env[key];
  }
  return { ...env, ...extra };
}

/** Starts `canvass serve ARGS` and resolves once it prints `Listening on http://…`. */
export function startServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<RunningServer> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start within 15 s:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          output: () => output,
          outputMatching: async (pattern) => {
            const deadline = Date.now() + 10_000;
            while (!pattern.test(output)) {
              if (Date.now() > deadline)
                throw new Error(`the output never matched ${String(pattern)}:\n${output}`);
              await new Promise((wait) => setTimeout(wait, 20));
            }
            return output;
          },
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)} before listening:\n${output}`));
    });
  });
}

/** Runs `canvass ARGS` to completion. */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  cwd?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    }),
  );
}
