import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './redis.js';

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';

/** A private PostgreSQL cluster a test may stop and start; the machine's shared one is never touched. */
export interface ThrowawayPostgres {
  /** Its `postgres` database, as `DATABASE_URL`. */
  readonly url: string;
  /** Fast shutdown (`pg_ctl stop -m fast`): sessions are ended, committed data is kept. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

/** The newest installed server's bin directory, or undefined when PostgreSQL is not installed. */
function serverBin(): string | undefined {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const versions = readdirSync(POSTGRES_ROOT).sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? undefined : join(POSTGRES_ROOT, newest, 'bin');
}

/** Why a throwaway cluster cannot be started here, or undefined when it can. */
export function throwawayPostgresMissing(): string | undefined {
  const bin = serverBin();
  if (bin === undefined || !existsSync(join(bin, 'initdb'))) {
    return `PostgreSQL server binaries (initdb, postgres) are not installed under ${POSTGRES_ROOT}`;
  }
  return undefined;
}

/**
 * initdb + postgres on a free port, listening on 127.0.0.1 and a socket in its own
 * directory. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user
 * (`runuser`), which is given the directory.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = serverBin();
  if (bin === undefined) throw new Error(throwawayPostgresMissing());
  const dir = mkdtempSync(join(tmpdir(), 'canvass-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
      : [join(bin, program), args];
  await run(...command('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']));
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;

  const start = async () => {
    const [program, args] = command('postgres', [
      ...['-D', data, '-p', String(port), '-k', dir],
      ...['-c', 'listen_addresses=127.0.0.1'],
    ]);
    child = spawn(program, args, { stdio: 'ignore' });
    for (let i = 0; i < 200 && !(await answers(url)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!(await answers(url))) throw new Error(`postgres did not start on port ${port}`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    await run(...command('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']));
    await exited;
  };
  await start();
  return {
    url,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
