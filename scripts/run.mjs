// The one way the repository's scripts run a child process (scripts/check.mjs,
// scripts/test-all.mjs).
import { spawn } from 'node:child_process';

export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Runs `command`; resolves once it has exited and its output is all read, with its exit code
 * and, when `keep`, what it printed (else its output is inherited).
 */
export function run(command, args, { env = {}, keep = false } = {}) {
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
