/**
 * The real Flask peer of the interop tests: starts test/interop/flask_app.py under python3,
 * and talks to it over HTTP with an explicit `Cookie` header (no jar, so every test says
 * exactly which cookie Flask sees).
 */
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('./flask_app.py', import.meta.url));

/** Why the peer cannot run here, or `undefined` when python3 with Flask 3.1 is installed. */
export function flaskMissing(): string | undefined {
  const probe = spawnSync(
    'python3',
    ['-c', 'import importlib.metadata as m; print(m.version("flask"))'],
    { encoding: 'utf8' },
  );
  if (probe.error !== undefined) return `python3 is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `python3 cannot import flask: ${probe.stderr.trim()}`;
  const version = probe.stdout.trim();
  return version.startsWith('3.1.') ? undefined : `Flask ${version} is installed, 3.1.x is needed`;
}

/** One answer from Flask: status, JSON body and the session cookie it set, if any. */
export interface FlaskAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The `session` cookie value from Set-Cookie (`''` when Flask deletes it). */
  readonly cookie: string | undefined;
  readonly setCookie: string | undefined;
}

/** A running Flask app. */
export interface FlaskPeer {
  /** GETs `path` sending `session=cookie`; `now` pins Flask's signing clock (seconds). */
  get(path: string, options?: { cookie?: string; now?: number }): Promise<FlaskAnswer>;
  /** Everything Flask printed (tracebacks of its HTTP 500s land here). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the app with the given configuration and resolves once it listens. */
export function startFlask(env: Record<string, string>): Promise<FlaskPeer> {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn('python3', [APP], {
    env: { ...process.env, ...env, PYTHONDONTWRITEBYTECODE: '1' },
    // Flask exits when its stdin closes, so it never outlives this process.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Flask did not start:\n${output}`));
    }, 15_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /Listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      resolve({ get: (path, options) => request(url + path, options), output: () => output, stop });
    };
    const stop = async (): Promise<void> => {
      child.stdin.end();
      child.kill('SIGTERM');
      await exited;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Flask exited before listening:\n${output}`));
    });
  });
}

async function request(
  url: string,
  options: { cookie?: string; now?: number } = {},
): Promise<FlaskAnswer> {
  const headers: Record<string, string> = {};
  if (options.cookie !== undefined) headers.cookie = `session=${options.cookie}`;
  if (options.now !== undefined) headers['x-now'] = String(options.now);
  const response = await fetch(url, { headers });
  const text = await response.text();
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('session='));
  const cookie = setCookie === undefined ? undefined : /^session=([^;]*)/.exec(setCookie)?.[1];
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Flask's HTTP 500 page is HTML; the status says enough.
  }
  return { status: response.status, body, cookie, setCookie };
}
