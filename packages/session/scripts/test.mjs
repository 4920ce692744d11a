#!/usr/bin/env node
// The one test runner of the repository: runs *.test.ts files with Node's own test runner,
// through tsx or compiled (below). Node 20's `--test` does not expand globs, so the files are
// listed here.
// Run as a script, it runs this package's suites (beside the modules in src/, and in test/);
// the root scripts/test.mjs runs Canvass's and this package's through `runTests`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every `*.test.ts` under `roots` (directories, relative to `cwd`) and exits with the
 * runner's status. In `args`, words narrow the run to paths containing one of them and flags
 * (`--…`) go to Node's test runner; `nodeFlags` go to Node itself. Files whose path starts with
 * one of `first` run before the rest, in that order: the runner starts files in the order given,
 * two at a time, so the long ones started last would run on alone at the end.
 *
 * Those long files run in a process each; the others run `groupSize` to a process, each file's
 * tests inside a suite named after it (so its top-level hooks stay its own), imported by an
 * entry file written to a temporary directory. speed: a process that loads the app through tsx
 * costs ~2 s of CPU before its first test, which ~200 files paid each, a quarter of the suite.
 *
 * With `compiled`, every `.ts` file under `roots` is first compiled by esbuild (the compiler
 * tsx runs) to a `.js` file beside it, the tests run as those files with no loader,
 * `compiledFlags` instead of `nodeFlags`, and the `.js` files are removed when the run ends (they are ignored by git, tsc, ESLint and Prettier should a killed run leave them).
 * Beside their sources, the files' relative paths (fixtures, samples, `bin/`) stay as they are.
 * speed: tsx's loader thread and hooks cost each test process ~1 s of CPU, ~80 s a full run.
 */
export function runTests(
  roots,
  args,
  {
    cwd = process.cwd(),
    nodeFlags = [],
    first = [],
    concurrency = 2,
    groupSize = 1,
    compiled = false,
    compiledFlags = [],
  } = {},
) {
  /** The file a test file runs as. */
  const js = (file) => (compiled ? compiledPath(file) : file);
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

  const alone = files.filter((file) => rank(file) < first.length);
  const rest = files.filter((file) => rank(file) === first.length);
  const groups = [];
  for (let i = 0; i < rest.length; i += groupSize) groups.push(rest.slice(i, i + groupSize));
  const entries = groups.length > 0 && groupSize > 1 ? mkdtempSync(join(tmpdir(), 'tests-')) : '';
  const grouped = groups.map((group, i) => {
    if (entries === '') return group[0];
    const entry = join(entries, `group-${String(i + 1).padStart(3, '0')}.mjs`);
    const suites = group.map(
      (file) =>
        `describe(${JSON.stringify(file)}, async () => {\n` +
        `  await import(${JSON.stringify(pathToFileURL(resolve(cwd, js(file))).href)});\n});\n`,
    );
    writeFileSync(entry, `import { describe } from 'node:test';\n${suites.join('')}`);
    return entry;
  });

  // Compiled by this run unless a parent compiled them for several runs side by side
  // (scripts/test-all.mjs), which then removes them itself.
  const owned = compiled && process.env[COMPILED_ENV] !== '1';
  const removeEmitted = owned ? removeOnInterrupt(compileBeside(cwd, roots)) : () => {};
  const child = spawn(
    process.execPath,
    [
      ...(compiled ? compiledFlags : [...nodeFlags, '--import', 'tsx']),
      '--test',
      '--test-reporter=spec',
      `--test-concurrency=${concurrency}`,
      ...flags,
      ...alone.map(js),
      ...grouped.map(js),
    ],
    { stdio: 'inherit', cwd },
  );
  child.on('exit', (code, signal) => {
    if (entries !== '') rmSync(entries, { recursive: true, force: true });
    removeEmitted();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

/** Set to `1` by a parent that compiled the files for the runs it starts (see `compileBeside`). */
export const COMPILED_ENV = 'CANVASS_TESTS_COMPILED';

/**
 * Compiles every `.ts` file (not `.d.ts`) under `dirs` to a `.js` file beside it, as tsx would
 * (esbuild, ES modules for Node 20); returns the files written.
 */
export function compileBeside(cwd, dirs) {
  const sources = dirs
    .flatMap((dir) =>
      readdirSync(join(cwd, dir), { recursive: true }).map((file) => join(cwd, dir, String(file))),
    )
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  const esbuild = createRequire(join(cwd, 'package.json'))('esbuild');
  esbuild.buildSync({
    entryPoints: sources,
    outdir: cwd,
    outbase: cwd,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return sources.map(compiledPath);
}

/** Where `compileBeside` writes a `.ts` file's compiled code. */
const compiledPath = (file) => file.replace(/\.ts$/, '.js');

/**
 * Removes `files` when this process is interrupted (SIGINT, SIGTERM); returns the function that
 * removes them, for the caller to run when done.
 */
export function removeOnInterrupt(files) {
  const remove = () => {
    for (const file of files) rmSync(file, { force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      remove();
      process.exit(1);
    });
  }
  return remove;
}

/** This package's root, and its test roots (relative to it, or to another `cwd`). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const packageRoots = (cwd = PACKAGE_ROOT) =>
  ['src', 'test'].map((dir) => relative(cwd, join(PACKAGE_ROOT, dir)) || '.');

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runTests(packageRoots(), process.argv.slice(2), { cwd: PACKAGE_ROOT });
}
