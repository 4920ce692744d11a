/**
 * Issue 17 item 5: the read API with tokens made on the admin page. Every status (401 with a
 * Bearer challenge, 403, 404, 422, 429) as a problem document; scope; revoke; the responses
 * paged by cursor through many, with none twice and none missed while more arrive; the same
 * JSON as the export and the same figures as results.json. On the test engine
 * (`CANVASS_TEST_ENGINE=postgres` for PostgreSQL).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { apiGet, makeToken, problemCode } from '../support/api.js';
import type { Browser } from '../support/browser.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';
import { EVERY_KIND_ANSWERS, everyKind, storeResponse } from '../support/results.js';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0).reverse()) await app.close();
});

const KINDS = everyKind('kinds');
const OTHER = makeSurvey('other', { title: 'Other', questions: [{ text: 'Fine?' }] });

async function started(
  options: Parameters<typeof startTestApp>[0] = {},
): Promise<{ t: TestApp; admin: Browser; versionId: number }> {
  const t = await startTestApp({
    surveys: [KINDS, OTHER],
    adminPassword: ADMIN_PASSWORD,
    ...options,
  });
  apps.push(t);
  const admin = t.browser();
  await logInAsAdmin(admin);
  const [version] = await t.storage.listVersions('kinds');
  assert.ok(version !== undefined);
  return { t, admin, versionId: version.id };
}

const challenge = (answer: { headers: Record<string, unknown> }) =>
  answer.headers['www-authenticate'];

test('no token, another scheme, a malformed, unknown or revoked token: 401 with a Bearer challenge', async () => {
  const { t, admin } = await started();
  const token = await makeToken(admin, 'warehouse');
  assert.equal((await apiGet(t, '/api/v1/surveys', token)).status, 200);

  const none = await apiGet(t, '/api/v1/surveys');
  assert.equal(problemCode(none, 401), 'unauthorized');
  assert.equal(challenge(none), 'Bearer realm="canvass"');
  const basic = await apiGet(t, '/api/v1/surveys', undefined, { authorization: 'Basic eDp5' });
  assert.equal(problemCode(basic, 401), 'unauthorized');
  assert.equal(challenge(basic), 'Bearer realm="canvass"');
  // A session cookie is no credential here: the owner's logged-in browser gets a 401 too.
  const cookie = await admin.jar.getCookieString('http://localhost/api/v1/surveys');
  assert.equal(
    problemCode(await apiGet(t, '/api/v1/surveys', undefined, { cookie }), 401),
    'unauthorized',
  );

  for (const wrong of ['nope', `${token.slice(0, -1)}x`, 'canvass_', token.toLowerCase()]) {
    const answer = await apiGet(t, '/api/v1/surveys/kinds/results', wrong);
    assert.equal(problemCode(answer, 401), 'unauthorized', wrong);
    assert.equal(challenge(answer), 'Bearer realm="canvass", error="invalid_token"');
    assert.match((answer.json as { detail: string }).detail, /not a Canvass API token/);
  }
  // The scheme's case does not matter (RFC 9110 §11.1).
  const lower = await apiGet(t, '/api/v1/surveys', undefined, { authorization: `bearer ${token}` });
  assert.equal(lower.status, 200);

  const [stored] = await t.storage.listApiTokens();
  assert.ok(stored !== undefined);
  assert.equal((await admin.get('/admin/tokens')).status, 200);
  assert.equal((await admin.post(`/admin/tokens/${stored.id}/revoke`)).status, 303);
  for (const path of ['/api/v1/surveys', '/api/v1/surveys/kinds/responses']) {
    const revoked = await apiGet(t, path, token);
    assert.equal(problemCode(revoked, 401), 'unauthorized');
    assert.equal(challenge(revoked), 'Bearer realm="canvass", error="invalid_token"');
    assert.match((revoked.json as { detail: string }).detail, /was revoked/);
  }
  // Only the hash was ever stored.
  const hash = createHash('sha256').update(token).digest('base64url');
  assert.equal((await t.storage.findApiToken(hash))?.id, stored.id);
});

test('a token for one survey reads it alone: the list shows only it, any other survey is 403', async () => {
  const { t, admin } = await started();
  const token = await makeToken(admin, 'sheet', 'other');
  const list = await apiGet(t, '/api/v1/surveys', token);
  assert.deepEqual(
    (list.json as { surveys: { slug: string }[] }).surveys.map((s) => s.slug),
    ['other'],
  );
  assert.equal((await apiGet(t, '/api/v1/surveys/other/responses', token)).status, 200);
  assert.equal((await apiGet(t, '/api/v1/surveys/other/results', token)).status, 200);
  for (const path of [
    '/api/v1/surveys/kinds/responses',
    '/api/v1/surveys/kinds/results',
    // Another survey's name says nothing, known or not: the same 403.
    '/api/v1/surveys/nothing-here/results',
  ]) {
    const answer = await apiGet(t, path, token);
    assert.equal(problemCode(answer, 403), 'forbidden', path);
  }
  const all = await makeToken(admin, 'warehouse');
  const listed = (await apiGet(t, '/api/v1/surveys', all)).json as { surveys: { slug: string }[] };
  assert.deepEqual(listed.surveys.map((s) => s.slug).sort(), ['kinds', 'other']);
});

test('an unknown survey, version or path is 404; parameters that cannot be used are 422', async () => {
  const { t, admin } = await started();
  const token = await makeToken(admin, 'warehouse');
  for (const path of [
    '/api/v1/surveys/nothing/responses',
    '/api/v1/surveys/nothing/results',
    '/api/v1/surveys/kinds/responses?version=9',
    '/api/v1/surveys/kinds/results?version=9',
    '/api/v1/surveys/Bad_Slug/results',
    '/api/v1/nothing',
    '/api/v1/surveys/kinds',
  ]) {
    assert.equal(problemCode(await apiGet(t, path, token), 404), 'not_found', path);
  }
  const cursorOfVersion9 = Buffer.from('1:9:0').toString('base64url');
  for (const query of [
    'limit=0',
    'limit=1001',
    'limit=ten',
    'limit=1.5',
    'limit=5&limit=6',
    'version=first',
    'cursor=garbage!',
    `cursor=${Buffer.from('2:1:0').toString('base64url')}`,
    `cursor=${cursorOfVersion9}&version=1`,
    'offset=10',
  ]) {
    const answer = await apiGet(t, `/api/v1/surveys/kinds/responses?${query}`, token);
    assert.equal(problemCode(answer, 422), 'invalid_parameters', query);
  }
  // A well-formed cursor of a version that does not exist names nothing.
  const gone = await apiGet(t, `/api/v1/surveys/kinds/responses?cursor=${cursorOfVersion9}`, token);
  assert.equal(problemCode(gone, 404), 'not_found');
  for (const query of [
    'version=x',
    'completed=2',
    'filter=nope:a',
    'filter=c:zzz',
    'by=t',
    'by=nothing',
    'page=2',
  ]) {
    const answer = await apiGet(t, `/api/v1/surveys/kinds/results?${query}`, token);
    assert.equal(problemCode(answer, 422), 'invalid_parameters', query);
  }
  const unknown = await apiGet(t, '/api/v1/surveys/kinds/results?filters=c:a', token);
  assert.match((unknown.json as { detail: string }).detail, /Unknown parameter filters/);
});

test('pages through 1,050 responses by cursor, none twice and none missed while more arrive', async () => {
  const { t, admin, versionId } = await started();
  const token = await makeToken(admin, 'warehouse');
  const create = () =>
    t.storage.createResponse({ survey: 'kinds', versionId, startedAt: new Date() });
  const before: number[] = [];
  for (let i = 0; i < 1050; i++) before.push(await create());

  type Page = { version: number; responses: { id: number }[]; next: string; more: boolean };
  const read = async (cursor: string | undefined) => {
    const query = cursor === undefined ? 'limit=100' : `limit=100&cursor=${cursor}`;
    const answer = await apiGet(t, `/api/v1/surveys/kinds/responses?${query}`, token);
    assert.equal(answer.status, 200);
    assert.equal(answer.contentType, 'application/json; charset=utf-8');
    const page = answer.json as Page;
    assert.equal(page.version, 1);
    assert.ok(page.responses.length <= 100);
    return page;
  };
  const seen: number[] = [];
  const arrived: number[] = [];
  let cursor: string | undefined;
  let more = true;
  while (more) {
    // Responses begin while each page is read, and between pages.
    const [page, ...fresh] = await Promise.all([read(cursor), create(), create()]);
    arrived.push(...fresh);
    seen.push(...page.responses.map((r) => r.id));
    ({ next: cursor, more } = page);
  }
  // The last page's cursor, kept, brings the responses begun while it was read, then nothing.
  const later = await read(cursor);
  seen.push(...later.responses.map((r) => r.id));
  assert.equal(later.more, false);
  const after = await read(later.next);
  assert.deepEqual([after.responses, after.next, after.more], [[], later.next, false]);

  assert.equal(new Set(seen).size, seen.length, 'no response twice');
  const all = [...before, ...arrived].sort((a, b) => a - b);
  assert.deepEqual(seen, all, 'every response in id order, those that arrived meanwhile included');
});

test('a page says whether there are more; an exact multiple of the limit ends with more: false', async () => {
  const { t, admin, versionId } = await started();
  const token = await makeToken(admin, 'warehouse');
  const empty = (await apiGet(t, '/api/v1/surveys/kinds/responses', token)).json as {
    next: string;
  };
  assert.deepEqual(empty, {
    survey: 'kinds',
    version: 1,
    responses: [],
    next: empty.next,
    more: false,
  });
  for (let i = 0; i < 4; i++) {
    await t.storage.createResponse({ survey: 'kinds', versionId, startedAt: new Date() });
  }
  const first = (await apiGet(t, '/api/v1/surveys/kinds/responses?limit=2', token)).json as {
    next: string;
    more: boolean;
  };
  assert.equal(first.more, true);
  const second = (
    await apiGet(t, `/api/v1/surveys/kinds/responses?limit=2&cursor=${first.next}`, token)
  ).json as { responses: unknown[]; more: boolean };
  assert.equal(second.responses.length, 2);
  assert.equal(second.more, false);
  // A cursor names its version: given with the same version it is accepted.
  const same = await apiGet(
    t,
    `/api/v1/surveys/kinds/responses?limit=2&version=1&cursor=${first.next}`,
    token,
  );
  assert.equal(same.status, 200);
});

test('each response is exactly what the JSON export writes, and results are the results.json figures', async () => {
  const { t, admin, versionId } = await started();
  const token = await makeToken(admin, 'warehouse');
  for (const [i, c] of ['a', 'a', 'b'].entries()) {
    await storeResponse(t.storage, KINDS, versionId, {
      ...EVERY_KIND_ANSWERS,
      c: { kind: 'choice', id: c },
      n: 4 + i,
    });
  }
  await storeResponse(t.storage, KINDS, versionId, { c: { kind: 'choice', id: 'c' } });
  const exported = JSON.parse((await admin.get('/admin/surveys/kinds/responses.json')).body) as {
    responses: unknown[];
  };
  const api = (await apiGet(t, '/api/v1/surveys/kinds/responses', token)).json as {
    responses: unknown[];
  };
  assert.equal(api.responses.length, 4);
  assert.deepEqual(api.responses, exported.responses);

  for (const query of [
    '',
    '?completed=1',
    '?filter=c:a',
    '?by=c',
    '?version=1&filter=yn:yes&filter=c:b',
  ]) {
    const own = JSON.parse(
      (await admin.get(`/admin/surveys/kinds/results.json${query}`)).body,
    ) as unknown;
    const answer = await apiGet(t, `/api/v1/surveys/kinds/results${query}`, token);
    assert.equal(answer.status, 200, query);
    assert.deepEqual(answer.json, own, query);
  }
  const completed = (await apiGet(t, '/api/v1/surveys/kinds/results?completed=1', token)).json as {
    started: number;
    completed: number;
  };
  assert.deepEqual([completed.started, completed.completed], [3, 3]);
});

test('the survey list gives live, unlisted and archived surveys with their counts and versions; archived ones stay readable', async () => {
  const hidden = makeSurvey('hidden', {
    title: 'Hidden',
    listed: false,
    questions: [{ text: 'Ok?' }],
  });
  const first = await startTestApp({ surveys: [KINDS, OTHER, hidden] });
  apps.push(first);
  const [old] = await first.storage.listVersions('other');
  assert.ok(old !== undefined);
  await storeResponse(first.storage, OTHER, old.id, { q1: { kind: 'choice', id: 'Yes' } });
  await first.app.close();

  // `other`'s file is gone now: archived, its responses and results kept.
  const { t, admin } = await started({ surveys: [KINDS, hidden], databaseUrl: first.databaseUrl });
  const token = await makeToken(admin, 'warehouse', 'other');
  const list = (await apiGet(t, '/api/v1/surveys', token)).json as { surveys: unknown[] };
  assert.deepEqual(list.surveys, [
    {
      slug: 'other',
      title: 'Other',
      state: 'archived',
      started: 1,
      completed: 1,
      versions: [{ number: 1, current: false, createdAt: old.createdAt, started: 1, completed: 1 }],
    },
  ]);
  const responses = (await apiGet(t, '/api/v1/surveys/other/responses', token)).json as {
    responses: { answers: unknown[] }[];
  };
  assert.deepEqual(responses.responses[0]?.answers, [
    { question: 'Fine?', answer: 'Yes', comment: null },
  ]);
  const results = (await apiGet(t, '/api/v1/surveys/other/results', token)).json as {
    archived: boolean;
    completed: number;
  };
  assert.deepEqual([results.archived, results.completed], [true, 1]);

  const everything = await makeToken(admin, 'warehouse');
  const all = (await apiGet(t, '/api/v1/surveys', everything)).json as {
    surveys: { slug: string; state: string; versions: { current: boolean }[] }[];
  };
  assert.deepEqual(
    all.surveys.map((s) => [s.slug, s.state, s.versions.map((v) => v.current)]),
    [
      ['kinds', 'live', [true]],
      ['hidden', 'unlisted', [true]],
      ['other', 'archived', [false]],
    ],
  );
});

test('600 requests a minute from one address, counted before the token is looked up: then 429 with Retry-After', async () => {
  const { t, admin } = await started();
  const token = await makeToken(admin, 'warehouse');
  for (let i = 0; i < 600; i++) {
    const answer = await t.app.inject({ method: 'GET', url: '/api/v1/surveys' });
    assert.equal(answer.statusCode, 401);
  }
  const over = await apiGet(t, '/api/v1/surveys', token);
  assert.equal(problemCode(over, 429), 'rate_limited');
  assert.ok(Number(over.headers['retry-after']) >= 1);
});

test('RATE_LIMIT=0 lifts the API limit with the others', async () => {
  const { t, admin } = await started({ hardening: { rateLimit: 0 } });
  const token = await makeToken(admin, 'warehouse');
  for (let i = 0; i < 600; i++) {
    await t.app.inject({ method: 'GET', url: '/api/v1/surveys' });
  }
  assert.equal((await apiGet(t, '/api/v1/surveys', token)).status, 200);
});

test('a token’s use is noted (at most once a minute) and shown on the tokens page', async () => {
  const clock = { now: Date.parse('2026-03-01T12:00:00.000Z') };
  const { t, admin } = await started({ now: () => clock.now });
  const token = await makeToken(admin, 'warehouse');
  assert.match((await admin.get('/admin/tokens')).body, /never used/);
  await apiGet(t, '/api/v1/surveys', token);
  clock.now += 30_000;
  await apiGet(t, '/api/v1/surveys', token);
  const [stored] = await t.storage.listApiTokens();
  assert.equal(stored?.lastUsedAt?.toISOString(), '2026-03-01T12:00:00.000Z');
  clock.now += 60_000;
  await apiGet(t, '/api/v1/surveys', token);
  const [later] = await t.storage.listApiTokens();
  assert.equal(later?.lastUsedAt?.toISOString(), '2026-03-01T12:01:30.000Z');
  assert.match((await admin.get('/admin/tokens')).body, /last used 2026-03-01 12:01 UTC/);
});
