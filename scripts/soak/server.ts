import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A production Canvass the soak started for itself: SQLite in a temporary directory. */
export interface OwnServer {
  readonly url: string;
  readonly pid: number;
  readonly databaseUrl: string;
  /** SIGTERM, wait for the exit, and return the exit code. */
  stop(): Promise<number | null>;
  /** Removes the temporary directory. */
  dispose(): void;
}

/**
 * Starts `bin/canvass.js serve` (the built dist/, as deployed) with NODE_ENV=production and
 * a random SECRET_KEY. RATE_LIMIT=0: every soak respondent comes from 127.0.0.1, which a
 * per-IP limit would rightly throttle; behind a proxy real respondents have their own IPs.
 */
export async function startOwnServer(workers: number): Promise<OwnServer> {
  if (!existsSync(join(ROOT, 'dist/cli/index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const dir = mkdtempSync(join(tmpdir(), 'canvass-soak-'));
  const databaseUrl = `sqlite:${join(dir, 'canvass.db')}`;
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/canvass.js'), 'serve', '--port', '0', '--workers', String(workers)],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SECRET_KEY: randomBytes(32).toString('base64url'),
        DATABASE_URL: databaseUrl,
        RATE_LIMIT: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await listening(child);
  return {
    url,
    pid: child.pid ?? 0,
    databaseUrl,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve(url);
    });
    child.once('exit', (code) => {
      reject(new Error(`canvass serve exited with ${String(code)} before listening`));
    });
  });
}

/** Resident memory of a process and its children (cluster workers), in MB, from /proc. */
export function residentMb(pid: number): number | undefined {
  let pids = [pid];
  try {
    const children = execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], {
      encoding: 'utf8',
    });
    pids = [
      pid,
      ...children
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map(Number),
    ];
  } catch {
    // ps exits 1 when there are no children.
  }
  let kb = 0;
  for (const p of pids) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      return undefined;
    }
  }
  return kb / 1024;
}
