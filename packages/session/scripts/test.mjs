#!/usr/bin/env node
// The one test runner of the repository: runs *.test.ts files with Node's own test runner
// through tsx. Node 20's `--test` does not expand globs, so the files are listed here.
// Run as a script, it runs this package's suites (beside the modules in src/, and in test/);
// the root scripts/test.mjs runs Canvass's and this package's through `runTests`.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs every `*.test.ts` under `roots` (directories, relative to `cwd`) and exits with the
 * runner's status. In `args`, words narrow the run to paths containing one of them and flags
 * (`--…`) go to Node's test runner; `nodeFlags` go to Node itself. Files whose path starts with
 * one of `first` run before the rest, in that order: the runner starts files in the order given,
 * two at a time, so the long ones started last would run on alone at the end.
 */
export function runTests(
  roots,
  args,
  { cwd = process.cwd(), nodeFlags = [], first = [], concurrency = 2 } = {},
) {
  const filters = args.filter((arg) => !arg.startsWith('-'));
  const flags = args.filter((arg) => arg.startsWith('-'));
  const files = roots
    .flatMap((dir) =>
      readdirSync(join(cwd, dir), { recursive: true }).map((file) => join(dir, String(file))),
    )
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
    .sort();
  const rank = (file) => {
    const i = first.findIndex((prefix) => file.startsWith(prefix));
    return i === -1 ? first.length : i;
  };
  files.sort((a, b) => rank(a) - rank(b));

  if (files.length === 0) {
    console.error(`No test files match ${filters.join(', ')}`);
    process.exit(1);
  }

  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      `--test-concurrency=${concurrency}`,
      ...flags,
      ...files,
    ],
    { stdio: 'inherit', cwd },
  );
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** This package's root, and its test roots (relative to it, or to another `cwd`). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const packageRoots = (cwd = PACKAGE_ROOT) =>
  ['src', 'test'].map((dir) => relative(cwd, join(PACKAGE_ROOT, dir)) || '.');

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runTests(packageRoots(), process.argv.slice(2), { cwd: PACKAGE_ROOT });
}
