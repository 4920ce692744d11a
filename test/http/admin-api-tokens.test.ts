/**
 * Issue 17 item 5 on the owner's side: `/admin/tokens` makes a token (CSRF-checked, shown once,
 * only its hash stored), refuses a form without a name or with an unknown survey (422, what was
 * typed kept), revokes one, and the dashboard's audit log records both. On the test engine.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../support/admin.js';
import { makeToken } from '../support/api.js';
import { makeSurvey, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

const SURVEY = makeSurvey('pulse', { title: 'Team pulse', questions: [{ text: 'Fine?' }] });

async function started() {
  t = await startTestApp({ surveys: [SURVEY], adminPassword: ADMIN_PASSWORD });
  const admin = t.browser();
  await logInAsAdmin(admin);
  return { app: t, admin };
}

test('the tokens page is for owners only, linked from every admin page', async () => {
  const { app, admin } = await started();
  const visitor = app.browser();
  assert.equal((await visitor.get('/admin/tokens')).location, '/admin/login');
  const refused = await visitor.post('/admin/tokens', { name: 'x' });
  assert.notEqual(refused.status, 201);
  assert.deepEqual(await app.storage.listApiTokens(), []);
  const dashboard = await admin.get('/admin');
  assert.match(dashboard.body, /<a href="\/admin\/tokens">API tokens<\/a>/);
  const page = await admin.get('/admin/tokens');
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1>API tokens<\/h1>/);
  assert.match(page.body, /No API tokens yet\./);
  assert.match(page.body, /<option value="pulse">Team pulse \(pulse\)<\/option>/);
});

test('a token is shown once, stored as its hash, listed by name and scope, and audited', async () => {
  const { app, admin } = await started();
  const token = await makeToken(admin, 'Warehouse <nightly>', 'pulse');
  const [stored] = await app.storage.listApiTokens();
  assert.ok(stored !== undefined);
  assert.deepEqual([stored.name, stored.survey], ['Warehouse <nightly>', 'pulse']);
  const hash = createHash('sha256').update(token).digest('base64url');
  assert.equal((await app.storage.findApiToken(hash))?.id, stored.id);

  const page = await admin.get('/admin/tokens');
  assert.doesNotMatch(page.body, new RegExp(token));
  assert.match(
    page.body,
    /<strong>Warehouse &lt;nightly&gt;<\/strong>: reads survey <code>pulse<\/code>; created \d{4}-\d\d-\d\d \d\d:\d\d UTC, never used\./,
  );
  const dashboard = await admin.get('/admin');
  assert.match(
    dashboard.body,
    new RegExp(
      `<td>API token created</td><td>pulse</td><td>API token #${stored.id} “Warehouse &lt;nightly&gt;” \\(reads survey pulse\\)</td>`,
    ),
  );
  await makeToken(admin, 'All of it');
  assert.match(
    (await admin.get('/admin')).body,
    /<td>API token created<\/td><td>All surveys<\/td><td>API token #\d+ “All of it” \(reads all surveys\)<\/td>/,
  );
});

test('a form without the CSRF token, without a name or with an unknown survey stores nothing', async () => {
  const { app, admin } = await started();
  await admin.get('/admin/tokens');
  const forged = await admin.post('/admin/tokens', { name: 'x', _csrf: 'forged' });
  assert.equal(forged.status, 403);

  const unnamed = await admin.post('/admin/tokens', { name: '   ', survey: 'pulse' });
  assert.equal(unnamed.status, 422);
  assert.match(unnamed.body, /<title>Error: API tokens/);
  assert.match(unnamed.body, /Give the token a name of 1 to 100 characters\./);
  assert.match(unnamed.body, /aria-invalid="true"/);
  assert.match(unnamed.body, /<option value="pulse" selected>/);

  const long = await admin.post('/admin/tokens', { name: 'n'.repeat(101) });
  assert.equal(long.status, 422);
  const unknown = await admin.post('/admin/tokens', { name: 'ok', survey: 'nope' });
  assert.equal(unknown.status, 422);
  assert.match(unknown.body, /Choose a survey from the list\./);
  assert.match(unknown.body, /value="ok"/);
  assert.deepEqual(await app.storage.listApiTokens(), []);
});

test('revoking a token closes it, is audited once, and says so when sent again', async () => {
  const { app, admin } = await started();
  await makeToken(admin, 'sheet');
  const [stored] = await app.storage.listApiTokens();
  assert.ok(stored !== undefined);
  const page = await admin.get('/admin/tokens');
  assert.match(
    page.body,
    new RegExp(`<form method="post" action="/admin/tokens/${stored.id}/revoke">`),
  );

  const forged = await admin.post(`/admin/tokens/${stored.id}/revoke`, { _csrf: 'forged' });
  assert.equal(forged.status, 403);
  assert.equal((await app.storage.listApiTokens())[0]?.revokedAt, null);

  const revoked = await admin.post(`/admin/tokens/${stored.id}/revoke`);
  assert.deepEqual([revoked.status, revoked.location], [303, '/admin/tokens']);
  const after = await admin.get('/admin/tokens');
  assert.match(after.body, /The token “sheet” is revoked: it no longer opens the API\./);
  assert.match(after.body, /<strong>revoked \d{4}-\d\d-\d\d \d\d:\d\d UTC<\/strong>\./);
  assert.doesNotMatch(after.body, /\/revoke"/);

  const again = await admin.post(`/admin/tokens/${stored.id}/revoke`);
  assert.equal(again.status, 303);
  assert.match((await admin.get('/admin/tokens')).body, /That token was already revoked\./);
  const audit = await app.storage.listAudit(10);
  assert.deepEqual(
    audit.map((a) => a.action),
    ['token-revoked', 'token-created'],
  );
  assert.equal((await admin.post('/admin/tokens/999/revoke')).status, 404);
  assert.equal((await admin.post('/admin/tokens/x/revoke')).status, 404);
});
