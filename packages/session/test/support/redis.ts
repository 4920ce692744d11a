import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/** The machine's shared Redis. Tests use a unique key prefix on it and never stop it. */
export const SHARED_REDIS = 'redis://127.0.0.1:6379';

/** Resolves whether something answers PING on `port`. */
export function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => {
      finish(false);
    });
    socket.once('error', () => {
      finish(false);
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      finish(data.toString().startsWith('+PONG'));
    });
  });
}

/**
 * Whether the shared Redis is up. Missing in CI is a failure (the test needs it); outside CI
 * the test is skipped with a message saying what to start.
 */
export async function requireRedis(t: TestContext): Promise<boolean> {
  if (await redisAnswers(6379)) return true;
  if (process.env.CI === 'true') throw new Error('Redis is not running on 127.0.0.1:6379');
  t.skip('Redis is not running on 127.0.0.1:6379 (start redis-server to run this test)');
  return false;
}

/** A key prefix no other run uses. */
export function uniquePrefix(): string {
  return `canvass-test:${randomBytes(6).toString('hex')}:`;
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
  });
}

/** A private `redis-server` child on a free port, persisting to an append-only file. */
export interface ThrowawayRedis {
  readonly url: string;
  /** Stops it with SIGTERM (Redis flushes its append-only file) and waits for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and directory. */
  start(): Promise<void>;
  /** SIGSTOPs it: connections stay open but nothing answers (a hung server). */
  pause(): void;
  /** SIGCONTs it after `pause`. */
  resume(): void;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

/** Starts a private Redis that a test may stop and restart without touching the shared one. */
export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'canvass-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', ''];
    args.push('--appendonly', 'yes', '--dir', dir);
    child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await redisAnswers(port)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!(await redisAnswers(port))) throw new Error(`redis-server did not start on ${port}`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    async dispose() {
      // A stopped process ignores SIGTERM until it is continued.
      child?.kill('SIGCONT');
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
