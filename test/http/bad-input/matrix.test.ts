/**
 * The bad-input matrix (issue 5): every route × malformed input, one app each. None may
 * answer 5xx or change what is stored; each gets the status docs/security.md documents and,
 * for pages, a clear page that is private to the browser. Runs on PostgreSQL too
 * (`npm run test:postgres`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendRaw } from '../../support/raw-http.js';
import { BODY_ROWS } from './bodies.js';
import { snapshot, startFixture, type Fixture } from './fixture.js';
import { HEADER_ROWS } from './headers.js';
import { ID_ROWS } from './ids.js';
import { METHOD_ROWS } from './methods.js';
import { RAW_ROWS } from './raw.js';
import { HEADINGS, type Row } from './rows.js';

/** Every row of the matrix, exported so the count can be reported and pinned. */
export const ROWS: readonly Row[] = [
  ...ID_ROWS,
  ...BODY_ROWS,
  ...HEADER_ROWS,
  ...METHOD_ROWS,
  ...RAW_ROWS,
];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

async function send(fx: Fixture, row: Row): Promise<Answer> {
  const input = row.request(fx);
  if (input.kind === 'raw') {
    const answer = await sendRaw(fx.port, input.bytes);
    const headers = Object.fromEntries(
      answer.head
        .split('\r\n')
        .slice(1)
        .map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
    );
    return { status: answer.status ?? 0, headers, body: answer.body };
  }
  const response = await fx.app.app.inject({
    method: input.method as 'GET',
    url: input.url,
    headers: input.headers ?? {},
    ...(input.body === undefined ? {} : { payload: input.body }),
  });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

function expectedPage(row: Row): RegExp {
  if (row.page !== undefined) return row.page;
  const heading = HEADINGS[row.status];
  assert.ok(heading, `row "${row.name}" needs a page pattern for ${row.status}`);
  return new RegExp(`<h1>${heading}</h1>`);
}

test('the matrix has a row for every route and kind of bad input', () => {
  assert.ok(ROWS.length >= 300, `${ROWS.length} rows`);
  assert.equal(new Set(ROWS.map((r) => r.name)).size, ROWS.length, 'row names are unique');
});

/**
 * Rows run two at a time, each on its own app and its own copy of the fixture's database: a
 * row mostly waits (for PostgreSQL to copy a database, for its requests), and one after the
 * other the 336 rows were the longest chain of the whole suite on PostgreSQL (measured alone:
 * 122 s one at a time, 89 s two at a time; four at a time cost PostgreSQL a third more CPU).
 */
async function withFixture(run: (fx: Fixture) => Promise<void>): Promise<void> {
  const fx = await startFixture();
  try {
    await run(fx);
  } finally {
    await fx.app.close();
  }
}

describe('bad input', { concurrency: 2 }, () => {
  for (const row of ROWS)
    test(`bad input: ${row.name} → ${row.status}`, () =>
      withFixture(async (fx) => {
        const before = await snapshot(fx.app);
        const answer = await send(fx, row);
        assert.ok(answer.status < 500, `${answer.status}: ${answer.body.slice(0, 300)}`);
        assert.equal(
          answer.status,
          row.status,
          `got ${answer.status}: ${answer.body.slice(0, 300)}`,
        );
        assert.match(answer.body, expectedPage(row));
        const type = String(answer.headers['content-type'] ?? '');
        if (type.startsWith('text/html')) {
          assert.match(answer.body, /^<!doctype html>/);
          assert.match(String(answer.headers['content-security-policy']), /script-src 'none'/);
        }
        if (type.startsWith('text/html') || (answer.status >= 300 && answer.status < 400)) {
          assert.match(String(answer.headers['cache-control']), /\bno-store\b/);
          if (row.request(fx).kind === 'inject') {
            assert.match(String(answer.headers['cache-control']), /\bprivate\b/);
          }
        }
        if (row.request(fx).kind === 'inject' && row.session !== false && answer.status !== 200) {
          assert.match(String(answer.headers.vary), /\bCookie\b/i, 'the answer read the session');
        }
        assert.deepEqual(await snapshot(fx.app), before, 'nothing stored changed');
      }));
});
