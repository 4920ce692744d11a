import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePeriod } from './period.js';

test('a date range keeps from and ends before the day after to, in UTC', () => {
  assert.deepEqual(parsePeriod('2026-02-27', '2026-02-28'), {
    ok: true,
    range: { from: '2026-02-27', before: '2026-03-01' },
  });
  assert.deepEqual(parsePeriod('2024-02-29', undefined), {
    ok: true,
    range: { from: '2024-02-29' },
  });
  assert.deepEqual(parsePeriod(undefined, '2026-12-31'), {
    ok: true,
    range: { before: '2027-01-01' },
  });
  assert.deepEqual(parsePeriod(undefined, undefined), { ok: true, range: {} });
  // One day: from and to the same.
  assert.deepEqual(parsePeriod('2026-05-01', '2026-05-01'), {
    ok: true,
    range: { from: '2026-05-01', before: '2026-05-02' },
  });
});

test('a malformed or impossible date, or a range ending before it starts, says what is wrong', () => {
  const message = (from?: string, to?: string) => {
    const parsed = parsePeriod(from, to);
    assert.ok(!parsed.ok);
    return parsed.message;
  };
  assert.match(message('2026-2-1'), /from "2026-2-1" must be a date written YYYY-MM-DD/);
  assert.match(message('yesterday'), /from "yesterday" must be a date/);
  assert.match(message(undefined, '2026-02-30'), /to "2026-02-30" must be a date/);
  assert.match(message('2026-03-01T00:00'), /must be a date/);
  assert.match(
    message('2026-03-02', '2026-03-01'),
    /to \(2026-03-01\) is before from \(2026-03-02\)/,
  );
});
