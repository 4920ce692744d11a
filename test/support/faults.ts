import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openStorage } from '../../src/storage/index.js';
import type { TestResponse } from './browser.js';

const run = promisify(execFile);

/** Every response of a survey in the database, as its answers (answer text, comment). */
export async function storedAnswers(
  databaseUrl: string,
  survey: string,
): Promise<(string | null)[][][]> {
  const storage = await openStorage(databaseUrl);
  try {
    const responses = await storage.listResponses(survey);
    return responses.map((r) => r.answers.map((a) => [a.answer, a.comment]));
  } finally {
    await storage.close();
  }
}

/** The page Canvass shows while its database or session store is down. */
export function assertUnavailablePage(response: TestResponse): void {
  assert.equal(response.status, 503);
  assert.match(response.body, /Temporarily unavailable/);
  assert.match(response.body, /Your progress is kept/);
}

/** `GET /healthz`'s status code. */
export async function healthStatus(baseUrl: string): Promise<number> {
  const response = await fetch(new URL('/healthz', baseUrl));
  await response.arrayBuffer();
  return response.status;
}

/** Polls until `check` resolves true (every 100 ms, up to `seconds`), failing with `what`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  seconds = 15,
): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out after ${seconds} s waiting until ${what}`);
}

/** The pids of a process's direct children (`ps --ppid`), e.g. a cluster primary's workers. */
export async function childPids(pid: number): Promise<number[]> {
  try {
    const { stdout } = await run('ps', ['--ppid', String(pid), '-o', 'pid=']);
    return stdout
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => n > 0)
      .sort((a, b) => a - b);
  } catch (error) {
    // ps exits 1 when the process has no children.
    if ((error as { code?: unknown }).code === 1) return [];
    throw error;
  }
}
