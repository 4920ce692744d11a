#!/usr/bin/env node
// Runs the package's *.test.ts files (beside the modules in src/, and the suites in test/) with
// Node's own test runner through tsx. Arguments narrow the run to paths containing them.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('-'));
const files = ['src', 'test']
  .flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true }).map((file) => join(dir, String(file))),
  )
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`No test files match ${filters.join(', ')}`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...flags, ...files],
  { stdio: 'inherit', cwd: root },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
