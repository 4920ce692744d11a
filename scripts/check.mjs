#!/usr/bin/env node
// `npm run check`, the one gate: format, lint and typecheck side by side (each a single
// thread: one after the other they left a core idle for ~80 s of CI), their output printed in
// that order once all three are done, then `npm test` if all three passed. Exits non-zero when
// any step fails.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm run SCRIPT`; resolves with its exit code and what it printed. */
function run(script, keep) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', script], {
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

const steps = ['format:check', 'lint', 'typecheck'];
const results = await Promise.all(steps.map((step) => run(step, true)));
let failed = 0;
for (const { code, output } of results) {
  process.stdout.write(output);
  if (code !== 0) failed = code;
}
if (failed !== 0) process.exit(failed);
const { code } = await run('test', false);
process.exit(code);
