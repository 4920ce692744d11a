#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and the session package, through the package's runner
// (packages/session/scripts/test.mjs). `--conditions=canvass-source` makes `@canvass/session`
// resolve to its TypeScript sources, so a test never runs against a stale build of the package.
// Arguments narrow the run: `npm test -- session` runs only files whose path contains "session".
// The longest files (the bad-input matrix, the flow's property shards, the browser tests) start
// first, each in a process of its own.
import { packageRoots, runTests } from '../packages/session/scripts/test.mjs';

runTests(['src', 'test', ...packageRoots(process.cwd())], process.argv.slice(2), {
  nodeFlags: ['--conditions=canvass-source'],
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
