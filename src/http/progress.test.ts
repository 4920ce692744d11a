import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { createSessionManager } from '@canvass/session';
import { readProgress, writeProgress } from './progress.js';

const manager = createSessionManager({ secrets: ['test-secret-key-of-at-least-32-bytes'] });
const requestWith = (cookie: string | undefined) =>
  ({ session: manager.load(cookie) }) as unknown as FastifyRequest;

function cookieAfter(write: (request: FastifyRequest) => void): string {
  const request = requestWith(undefined);
  write(request);
  const header = manager.commit(request.session) ?? '';
  return /^session=[^;]*/.exec(header)?.[0] ?? '';
}

test('progress read from a cookie that comes back unchanged is the same on every read', () => {
  const cookie = cookieAfter((request) => {
    writeProgress(request, 'satisfaction', { responseId: 7, answered: 2, versionId: 3 });
  });
  const reads = Array.from({ length: 6 }, () => readProgress(requestWith(cookie), 'satisfaction'));
  for (const progress of reads) {
    assert.deepEqual(progress, { responseId: 7, answered: 2, versionId: 3 });
  }
  // A request that changes its progress reads its own entry, not the shared one.
  const changing = requestWith(cookie);
  writeProgress(changing, 'satisfaction', { responseId: 7, answered: 3, versionId: 3 });
  assert.deepEqual(readProgress(changing, 'satisfaction'), {
    responseId: 7,
    answered: 3,
    versionId: 3,
  });
});

test('an unreadable entry is no progress, shared or not', () => {
  const cookie = cookieAfter((request) => {
    request.session.set('progress', { satisfaction: [0, -1, 'x'] });
  });
  for (let i = 0; i < 6; i++)
    assert.equal(readProgress(requestWith(cookie), 'satisfaction'), undefined);
});
