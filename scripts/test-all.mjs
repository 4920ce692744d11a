#!/usr/bin/env node
// `npm test`: every test on SQLite (scripts/test.mjs) and the HTTP suite and the path and
// results properties again on PostgreSQL (`npm run test:postgres`), side by side: each half
// leaves a core idle while it waits (a browser, PostgreSQL, a timer), so together they take
// less than one after the other. The SQLite half prints as it goes; the PostgreSQL half's
// output is kept and printed once the SQLite half is done, so the two never interleave. Exits
// non-zero when either half fails.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const dir = mkdtempSync(join(tmpdir(), 'canvass-tests-'));
const postgresLog = join(dir, 'postgres.log');

/** Runs `command`, its output to `out` (inherited when undefined); resolves with its exit code. */
function run(command, args, env, out) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: out === undefined ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    if (out !== undefined) {
      const file = createWriteStream(out);
      child.stdout.pipe(file);
      child.stderr.pipe(file);
    }
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// Two files at a time each: four test processes on this project's two-core machines.
const both = { CANVASS_TEST_CONCURRENCY: '2' };
const postgres = run(npm, ['run', 'test:postgres', '--silent'], both, postgresLog);
const sqlite = await run(process.execPath, ['scripts/test.mjs'], both);
const postgresCode = await postgres;
process.stdout.write(`\n== The same suites on PostgreSQL (CANVASS_TEST_ENGINE=postgres)\n`);
process.stdout.write(readFileSync(postgresLog));
rmSync(dir, { recursive: true, force: true });
process.exit(sqlite !== 0 ? sqlite : postgresCode);
