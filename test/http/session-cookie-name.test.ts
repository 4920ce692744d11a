import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { resolveServeConfig } from '../../src/cli/config.js';
import { openSessions } from '../../src/cli/sessions.js';
import { buildApp } from '../../src/http/index.js';
import { SessionCodec } from '@canvass/session';
import { openStorage } from '../../src/storage/index.js';
import { sampleSurveys, TEST_SECRET } from '../support/app.js';

/** An app whose sessions are configured from `env`, as `canvass serve` configures them. */
async function appFrom(t: TestContext, env: Record<string, string>) {
  const config = resolveServeConfig({}, { SECRET_KEY: TEST_SECRET, ...env });
  const dir = mkdtempSync(join(tmpdir(), 'canvass-cookie-'));
  const storage = await openStorage(`sqlite:${join(dir, 'canvass.db')}`);
  const { sessions, close } = await openSessions(config, TEST_SECRET, () => undefined);
  const app = await buildApp({
    surveys: await sampleSurveys(),
    storage,
    sessions,
    ...(config.sessionCookieSecure === undefined
      ? {}
      : { secureCookies: config.sessionCookieSecure }),
  });
  t.after(async () => {
    await app.close();
    await close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return app;
}

/** The `Set-Cookie` line of a start page, which mints the CSRF token. */
async function startPageCookie(app: Awaited<ReturnType<typeof appFrom>>): Promise<string> {
  const response = await app.inject({ url: '/surveys/satisfaction' });
  assert.equal(response.statusCode, 200);
  const line = response.headers['set-cookie'];
  assert.equal(typeof line, 'string');
  return line as string;
}

test('with SESSION_COOKIE_SECURE the cookie is __Host-session: Secure, Path=/ and no Domain', async (t) => {
  const app = await appFrom(t, { SESSION_COOKIE_SECURE: 'true' });
  const line = await startPageCookie(app);
  assert.match(line, /^__Host-session=[^;]+;/);
  assert.match(line, /; Secure/);
  assert.match(line, /; Path=\//);
  assert.doesNotMatch(line, /Domain=/i);
});

/** A begin POST carrying a validly signed session under the plain name `session`. */
function tossedBegin(app: Awaited<ReturnType<typeof appFrom>>) {
  // What a sibling subdomain could set for the parent domain: a session of its choosing.
  const now = Math.floor(Date.now() / 1000);
  const tossed = new SessionCodec([TEST_SECRET]).encode('{"csrf":"planted"}', now);
  return app.inject({
    method: 'POST',
    url: '/surveys/satisfaction/begin',
    headers: { cookie: `session=${tossed}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: '_csrf=planted',
  });
}

test('a session cookie tossed in under the plain name is ignored when the name is __Host-session', async (t) => {
  // Under the plain name the planted session is the browser's: the planter's token works.
  assert.equal((await tossedBegin(await appFrom(t, {}))).statusCode, 303);
  const app = await appFrom(t, { SESSION_COOKIE_SECURE: 'true' });
  assert.equal((await tossedBegin(app)).statusCode, 403, 'the planted token is not this browser’s');
});

test('without SESSION_COOKIE_SECURE the cookie keeps Flask’s name, session; SESSION_COOKIE_NAME overrides it', async (t) => {
  assert.match(await startPageCookie(await appFrom(t, {})), /^session=[^;]+;/);
  const named = await appFrom(t, { SESSION_COOKIE_SECURE: 'true', SESSION_COOKIE_NAME: 'session' });
  assert.match(await startPageCookie(named), /^session=[^;]+; .*Secure/);
});
