#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and the session package, through the package's runner
// (packages/session/scripts/test.mjs): compiled first to .js files beside the sources (removed
// when the run ends), and `--conditions=canvass-compiled` makes `@canvass/session` resolve to
// its sources' compiled files, so a test never runs against a stale build of the package.
// Arguments narrow the run: `npm test -- session` runs only files whose path contains "session".
// The longest files (the bad-input matrix, the flow's property shards, the browser tests) start
// first, each in a process of its own.
import { fileURLToPath } from 'node:url';
import { packageRoots, runTests } from '../packages/session/scripts/test.mjs';

/** Where the tests are, and what they load: compiled beside their sources before a run. */
export const testRoots = () => ['src', 'test', ...packageRoots(process.cwd())];

/** Whether this run goes through tsx rather than compiled files (`CANVASS_TEST_TSX=1`). */
export const throughTsx = process.env.CANVASS_TEST_TSX === '1';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runTests(testRoots(), process.argv.slice(2), {
    nodeFlags: ['--conditions=canvass-source'],
    // `CANVASS_TEST_TSX=1` runs the sources through tsx instead: stack traces with their lines.
    compiled: !throughTsx,
    compiledFlags: ['--conditions=canvass-compiled'],
    first: [
      'test/http/bad-input/',
      'test/properties/',
      'test/browser/',
      'test/faults/',
      'test/scale/',
    ],
    // Three files at a time (scripts/test-all.mjs asks the PostgreSQL half for two beside it).
    concurrency: Number(process.env.CANVASS_TEST_CONCURRENCY ?? 3),
    // The other files, six to a process: each process loads the app once for six files.
    groupSize: Number(process.env.CANVASS_TEST_GROUP ?? 6),
  });
}
