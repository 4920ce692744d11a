/** Helpers for the read API tests: a token made through the admin page, requests that send it. */
import assert from 'node:assert/strict';
import type { Browser } from './browser.js';
import type { TestApp } from './app.js';

/** Makes a token through `/admin/tokens` (`survey` empty: every survey); returns it. */
export async function makeToken(admin: Browser, name: string, survey = ''): Promise<string> {
  assert.equal((await admin.get('/admin/tokens')).status, 200);
  const created = await admin.post('/admin/tokens', { name, survey });
  assert.equal(created.status, 201, created.body);
  const token =
    /<input id="api-token" class="input public-link" type="text" value="([^"]+)" readonly>/.exec(
      created.body,
    )?.[1];
  assert.ok(token !== undefined && /^canvass_[A-Za-z0-9_-]{43}$/.test(token), 'the token is shown');
  return token;
}

/** What an API request answered: its status, headers and body parsed as JSON. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly contentType: string;
  readonly json: unknown;
}

/** GETs `path` with `Authorization: Bearer token` (none when `token` is undefined). */
export async function apiGet(
  t: TestApp,
  path: string,
  token?: string,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const response = await t.app.inject({
    method: 'GET',
    url: path,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    contentType: String(response.headers['content-type']),
    json: JSON.parse(response.body) as unknown,
  };
}

/** The `code` of a problem document, asserting its shape and status along the way. */
export function problemCode(answer: ApiAnswer, status: number): string {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  assert.equal(answer.contentType, 'application/problem+json; charset=utf-8');
  const body = answer.json as Record<string, unknown>;
  assert.equal(body.status, status);
  assert.equal(body.type, 'about:blank');
  assert.equal(typeof body.detail, 'string');
  return String(body.code);
}
