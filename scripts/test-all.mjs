#!/usr/bin/env node
// `npm test`: every test on SQLite (scripts/test.mjs) and the HTTP suite and the path and
// results properties again on PostgreSQL (`npm run test:postgres`), side by side: each half
// leaves a core idle while it waits (a browser, PostgreSQL, a timer), so together they take
// less than one after the other. The SQLite half prints as it goes; the PostgreSQL half's
// output is kept and printed once the SQLite half is done, so the two never interleave. Exits
// non-zero when either half fails.
import {
  COMPILED_ENV,
  compileBeside,
  removeOnInterrupt,
} from '../packages/session/scripts/test.mjs';
import { npm, run } from './run.mjs';
import { testRoots, throughTsx } from './test.mjs';

// Both halves run the same compiled files (scripts/test.mjs): compiled once, here, for both,
// and removed once both are done.
const removeCompiled = throughTsx
  ? () => {}
  : removeOnInterrupt(compileBeside(process.cwd(), testRoots()));

// Five test processes on this project's two-core machines: three files at a time for the SQLite
// half, the longer one (the browser tests wait on Chromium), two for the PostgreSQL half. With
// two each, the PostgreSQL half ended ~2 minutes before the SQLite half, which then ran alone.
const postgres = run(npm, ['run', 'test:postgres', '--silent'], {
  env: { CANVASS_TEST_CONCURRENCY: '2', [COMPILED_ENV]: '1' },
  keep: true,
});
const sqlite = await run(process.execPath, ['scripts/test.mjs'], {
  env: { CANVASS_TEST_CONCURRENCY: '3', [COMPILED_ENV]: '1' },
});
const { code, output } = await postgres;
process.stdout.write(`\n== The same suites on PostgreSQL (CANVASS_TEST_ENGINE=postgres)\n`);
process.stdout.write(output);
removeCompiled();
process.exit(sqlite.code !== 0 ? sqlite.code : code);
