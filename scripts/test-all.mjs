#!/usr/bin/env node
// `npm test`: every test on SQLite (scripts/test.mjs) and the HTTP suite and the path and
// results properties again on PostgreSQL (`npm run test:postgres`), side by side: each half
// leaves a core idle while it waits (a browser, PostgreSQL, a timer), so together they take
// less than one after the other. The SQLite half prints as it goes; the PostgreSQL half's
// output is kept and printed once the SQLite half is done, so the two never interleave. Exits
// non-zero when either half fails.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Runs `command`; resolves once it has exited and its output is all read, with its exit code
 * and, when `keep`, what it printed (else its output is inherited).
 */
function run(command, args, env, keep = false) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: keep ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const chunks = [];
    if (keep) {
      child.stdout.on('data', (chunk) => chunks.push(chunk));
      child.stderr.on('data', (chunk) => chunks.push(chunk));
    }
    // 'close', not 'exit': the output's pipes are drained by then.
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks) }),
    );
  });
}

// Five test processes on this project's two-core machines: three files at a time for the SQLite
// half, the longer one (the browser tests wait on Chromium), two for the PostgreSQL half. With
// two each, the PostgreSQL half ended ~2 minutes before the SQLite half, which then ran alone.
const postgres = run(
  npm,
  ['run', 'test:postgres', '--silent'],
  { CANVASS_TEST_CONCURRENCY: '2' },
  true,
);
const sqlite = await run(process.execPath, ['scripts/test.mjs'], { CANVASS_TEST_CONCURRENCY: '3' });
const { code, output } = await postgres;
process.stdout.write(`\n== The same suites on PostgreSQL (CANVASS_TEST_ENGINE=postgres)\n`);
process.stdout.write(output);
process.exit(sqlite.code !== 0 ? sqlite.code : code);
