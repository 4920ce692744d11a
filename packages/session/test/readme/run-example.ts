/**
 * Runs one of the README's examples as a child process, the way a reader would, and resolves
 * once it prints the address it listens on.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { FlaskPeer } from '../interop/flask-peer.js';

/** A running example. */
export interface RunningExample {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `node ...args` in `cwd` with `env` added (PORT=0: a free port). */
export function runExample(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<RunningExample> {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ url, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      reject(new Error(`The example exited before listening:\n${output}`));
    });
  });
}

/** GETs `url` with `cookie`; returns the body and the `session` cookie set, if any. */
export async function visit(url: string, cookie?: string) {
  const response = await fetch(url, cookie === undefined ? {} : { headers: { cookie } });
  const body = await response.text();
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('session='));
  return { status: response.status, body, cookie: setCookie?.split(';')[0] };
}

/** Flask flashes, the example shows the flashes and counts; Flask reads the count back. */
export async function flaskRoundTrip(peer: FlaskPeer, url: string) {
  const flashed = await peer.get('/flash');
  const answer = await visit(url, `session=${flashed.cookie ?? ''}`);
  assert.equal(answer.body, 'visit 1\nmessage: Saved!\nerror: Oops');
  const value = answer.cookie?.replace(/^session=/, '');
  const dumped = await peer.get('/dump', { cookie: value ?? '' });
  const session = JSON.parse((dumped.body as { session: string }).session) as Record<
    string,
    unknown
  >;
  assert.equal(session.visits, 1);
  assert.equal(session._flashes, undefined, 'the flashes were consumed');
}
