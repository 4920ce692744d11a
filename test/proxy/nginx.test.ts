import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { ADMIN_PASSWORD } from '../support/admin.js';
import { TEST_ENGINE, TEST_SECRET } from '../support/app.js';
import type { Browser, TestResponse } from '../support/browser.js';
import { answerAll, begin } from '../support/flow.js';
import { createTestDatabase } from '../support/postgres.js';
import { cleanEnv, startServer } from '../support/process.js';
import {
  deployEnvironment,
  findCommand,
  httpsBrowser,
  httpsTransport,
  startNginx,
  type Nginx,
} from './nginx.js';

/**
 * Canvass behind Debian's nginx, configured exactly as docs/deploy.md says (issue 18 item 7):
 * real `canvass serve` processes, real TLS, real X-Forwarded-For. In CI a missing nginx is a
 * failure (.ci/run installs it); elsewhere these tests are skipped.
 */
const NGINX = findCommand('nginx');

function nginxOrSkip(t: TestContext): string | undefined {
  if (NGINX !== undefined) return NGINX;
  if (process.env.CI === 'true') throw new Error('nginx is not installed (.ci/run installs it)');
  t.skip('nginx is not installed');
  return undefined;
}

const SATISFACTION = ['Yes', 'No', 'Less than $10,000', 'Yes'];

/** `canvass serve` with `settings`, behind nginx; `close` stops both and removes everything. */
interface Deployment {
  readonly proxy: Nginx;
  /** A browser connecting from `from` (127.0.0.0/8), with `headers` on each request. */
  browser(from: string, headers?: Record<string, string>): Browser;
  close(): Promise<void>;
}

async function deploy(nginx: string, settings: Record<string, string>): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'canvass-proxy-'));
  const database =
    TEST_ENGINE === 'postgres'
      ? await createTestDatabase()
      : { url: `sqlite:${join(dir, 'canvass.db')}`, drop: () => Promise.resolve() };
  const server = await startServer(
    ['--port', '0', '--database', database.url, '--data-dir', dir],
    cleanEnv({ SECRET_KEY: TEST_SECRET, ...settings }),
  );
  const closers: (() => void)[] = [];
  let proxy: Nginx;
  try {
    proxy = await startNginx(nginx, Number(new URL(server.url).port));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    proxy,
    browser(from, headers = {}) {
      const { transport, close } = httpsTransport(proxy, from, headers);
      closers.push(close);
      return httpsBrowser(proxy, transport);
    },
    async close() {
      for (const close of closers) close();
      await proxy.stop();
      await server.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The doc's TRUST_PROXY and SESSION_COOKIE_SECURE: the settings the doc tells people to use. */
function documented(): Record<string, string> {
  const env = deployEnvironment();
  const { TRUST_PROXY, SESSION_COOKIE_SECURE } = env;
  assert.ok(TRUST_PROXY !== undefined && SESSION_COOKIE_SECURE !== undefined);
  return { TRUST_PROXY, SESSION_COOKIE_SECURE };
}

async function tryBegin(browser: Browser): Promise<TestResponse> {
  assert.equal((await browser.get('/surveys/satisfaction')).status, 200);
  return browser.post('/surveys/satisfaction/begin');
}

function assertTooMany(response: TestResponse): void {
  assert.equal(response.status, 429);
  assert.match(String(response.headers['retry-after']), /^[1-9][0-9]*$/);
  assert.match(response.body, /<h1>Too many requests<\/h1>/);
}

describe("the deployment of docs/deploy.md, with the doc's settings", () => {
  let deployment: Deployment | undefined;
  before(async () => {
    if (NGINX !== undefined) deployment = await deploy(NGINX, documented());
  });
  after(() => deployment?.close());

  test('serves HTTPS with a Secure session cookie and HSTS; plain HTTP redirects to HTTPS', async (t) => {
    if (nginxOrSkip(t) === undefined || deployment === undefined) return;
    const page = await deployment.browser('127.0.0.2').get('/surveys/satisfaction');
    assert.equal(page.status, 200);
    assert.match(page.body, /Customer Satisfaction Survey/);
    assert.equal(page.setCookies.length, 1);
    // Secure turns on the __Host- prefix: no sibling subdomain can toss a session in.
    assert.match(page.setCookies[0] ?? '', /^__Host-session=/);
    assert.match(page.setCookies[0] ?? '', /;\s*Secure(;|$)/i);
    assert.match(page.setCookies[0] ?? '', /;\s*HttpOnly(;|$)/i);
    assert.match(String(page.headers['strict-transport-security']), /max-age=\d+/);

    const port = deployment.proxy.httpPort;
    const redirect = await new Promise<{
      status: number | undefined;
      location: string | undefined;
    }>((resolve, reject) => {
      httpGet({ host: '127.0.0.1', port, path: '/surveys/satisfaction' }, (response) => {
        response.resume();
        resolve({ status: response.statusCode, location: response.headers.location });
      }).on('error', reject);
    });
    assert.equal(redirect.status, 301);
    assert.match(String(redirect.location), /^https:\/\/[^/]+\/surveys\/satisfaction$/);
  });

  test("the cross-site check sees the browser's own host through nginx", async (t) => {
    if (nginxOrSkip(t) === undefined || deployment === undefined) return;
    // An older browser: Origin but no Sec-Fetch-Site, so Canvass compares Origin with the host.
    const origin = `https://127.0.0.1:${deployment.proxy.httpsPort}`;
    const sameSite = deployment.browser('127.0.0.2');
    assert.equal((await sameSite.get('/surveys/satisfaction')).status, 200);
    const begun = await sameSite.post('/surveys/satisfaction/begin', {}, { origin });
    assert.equal(begun.status, 303);
    const forged = await sameSite.post(
      '/surveys/satisfaction/begin',
      {},
      { origin: 'https://evil.example' },
    );
    assert.equal(forged.status, 403);
  });

  // Issue 18: 30 respondents behind nginx got 2,395 of 5,311 requests refused with 429.
  test('150 respondents behind one address complete the survey, some restarting, without a 429', async (t) => {
    if (nginxOrSkip(t) === undefined || deployment === undefined) return;
    const crowd = deployment;
    const respondents = Array.from({ length: 150 }, (_, i) => i);
    await Promise.all(
      respondents.map(async (i) => {
        const browser = crowd.browser('127.0.0.2');
        await begin(browser, 'satisfaction');
        if (i % 5 === 0) {
          // A restart part-way through: a new response, the survey from its first question.
          await answerAll(browser, 'satisfaction', SATISFACTION.slice(0, 2));
          await begin(browser, 'satisfaction');
        }
        await answerAll(browser, 'satisfaction', SATISFACTION);
        const done = await browser.get('/surveys/satisfaction/complete');
        assert.equal(done.status, 200, `respondent ${i}`);
      }),
    );
  });
});

test('with TRUST_PROXY, clients behind nginx are limited each on its own address and cannot spoof another', async (t) => {
  const nginx = nginxOrSkip(t);
  if (nginx === undefined) return;
  const settings = { ...documented(), RATE_LIMIT: '3', ADMIN_PASSWORD };
  const deployment = await deploy(nginx, settings);
  t.after(() => deployment.close());
  for (let i = 0; i < 3; i++) {
    assert.equal((await tryBegin(deployment.browser('127.0.0.2'))).status, 303);
  }
  assertTooMany(await tryBegin(deployment.browser('127.0.0.2')));
  assert.equal((await tryBegin(deployment.browser('127.0.0.3'))).status, 303);
  // nginx appends the address it saw; Canvass trusts one hop, so the client's own entry is moot.
  const spoof = deployment.browser('127.0.0.2', { 'x-forwarded-for': '127.0.0.4' });
  assertTooMany(await tryBegin(spoof));

  // Issue 18: ten wrong passwords from anyone behind the proxy locked the owner out.
  const guesser = deployment.browser('127.0.0.5');
  for (let i = 0; i < 10; i++) {
    await guesser.get('/admin/login');
    assert.equal((await guesser.post('/admin/login', { password: `guess ${i}` })).status, 422);
  }
  await guesser.get('/admin/login');
  assert.equal((await guesser.post('/admin/login', { password: ADMIN_PASSWORD })).status, 429);
  const owner = deployment.browser('127.0.0.6');
  await owner.get('/admin/login');
  const login = await owner.post('/admin/login', { password: ADMIN_PASSWORD });
  assert.equal(login.status, 303);
  assert.equal(login.location, '/admin');
});

test('without TRUST_PROXY every client behind nginx counts as nginx, whatever X-Forwarded-For says', async (t) => {
  const nginx = nginxOrSkip(t);
  if (nginx === undefined) return;
  const deployment = await deploy(nginx, { SESSION_COOKIE_SECURE: 'true', RATE_LIMIT: '3' });
  t.after(() => deployment.close());
  for (let i = 0; i < 3; i++) {
    const client = deployment.browser('127.0.0.2', { 'x-forwarded-for': `198.51.100.${i}` });
    assert.equal((await tryBegin(client)).status, 303);
  }
  const other = deployment.browser('127.0.0.3', { 'x-forwarded-for': '198.51.100.99' });
  assertTooMany(await tryBegin(other));
});
