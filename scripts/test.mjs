#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and the workspace packages with Node's own test runner
// (through tsx). `--conditions=canvass-source` makes `@canvass/session` resolve to its TypeScript
// sources, so a test never runs against a stale build of the package.
// Node 20's `--test` does not expand globs, so the files are listed here.
// Arguments narrow the run: `npm test -- session` runs only files whose path contains "session".
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('-'));
const files = ['src', 'test', 'packages/session/src', 'packages/session/test']
  .flatMap((dir) => readdirSync(dir, { recursive: true }).map((file) => join(dir, String(file))))
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`No test files match ${filters.join(', ')}`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [
    '--conditions=canvass-source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=2',
    ...flags,
    ...files,
  ],
  { stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
