import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatHttpDate, parseHttpDate } from './http-date.js';

const { dates } = JSON.parse(
  readFileSync(new URL('../../test/fixtures/python-vectors.json', import.meta.url), 'utf8'),
) as { dates: [string, number | null][] };

test('parses dates like werkzeug.http.parse_date (Python-checked)', () => {
  for (const [text, seconds] of dates) {
    const parsed = parseHttpDate(text);
    assert.equal(parsed === undefined ? null : parsed.getTime() / 1000, seconds, text);
  }
});

test('formats like http_date, dropping milliseconds, for years 1 to 9999', () => {
  assert.equal(
    formatHttpDate(new Date(Date.UTC(2024, 1, 29, 13, 45, 30, 999))),
    'Thu, 29 Feb 2024 13:45:30 GMT',
  );
  const year5 = new Date(0);
  year5.setUTCFullYear(5, 0, 1);
  assert.equal(formatHttpDate(year5), 'Sat, 01 Jan 0005 00:00:00 GMT');
  assert.throws(() => formatHttpDate(new Date(NaN)), TypeError);
  assert.throws(() => formatHttpDate(new Date(Date.UTC(10000, 0, 1))), TypeError);
});
