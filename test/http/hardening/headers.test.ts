import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ADMIN_PASSWORD, logInAsAdmin } from '../../support/admin.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import type { TestResponse } from '../../support/browser.js';
import { answerAll } from '../../support/flow.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

/** The CSP as a map of directive → sources. */
function policy(response: TestResponse): Map<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

/** Every page type a respondent or an owner sees, fetched through the ordinary flow. */
async function everyPage(app: TestApp): Promise<Map<string, TestResponse>> {
  const pages = new Map<string, TestResponse>();
  const respondent = app.browser();
  pages.set('home', await respondent.get('/'));
  pages.set('start', await respondent.get('/surveys/personality'));
  await respondent.post('/surveys/personality/begin');
  pages.set('question', await respondent.get('/surveys/personality/questions/0'));
  pages.set('invalid', await respondent.post('/surveys/personality/questions/0', {}));
  await answerAll(respondent, 'personality', ['Yes', 'No', 'Hedgehogs', 'wtf()']);
  pages.set('complete', await respondent.get('/surveys/personality/complete'));
  pages.set('404', await respondent.get('/nowhere'));
  const owner = app.browser();
  pages.set('login', await owner.get('/admin/login'));
  await logInAsAdmin(owner);
  pages.set('dashboard', await owner.get('/admin'));
  pages.set('results', await owner.get('/admin/surveys/personality'));
  return pages;
}

test('every page carries a strict Content-Security-Policy with no inline script or style', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  for (const [name, page] of await everyPage(t)) {
    const csp = policy(page);
    assert.deepEqual(csp.get('default-src'), ["'self'"], name);
    assert.deepEqual(csp.get('script-src'), ["'none'"], name);
    assert.deepEqual(csp.get('style-src'), ["'self'"], name);
    assert.deepEqual(csp.get('form-action'), ["'self'"], name);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], name);
    assert.deepEqual(csp.get('base-uri'), ["'none'"], name);
    assert.deepEqual(csp.get('object-src'), ["'none'"], name);
    for (const sources of csp.values()) {
      assert.ok(!sources.some((s) => s.startsWith("'unsafe-")), `${name}: ${sources.join(' ')}`);
    }
  }
});

test('no page holds inline script or style, so the policy blocks nothing Canvass sends', async () => {
  t = await startTestApp({ adminPassword: ADMIN_PASSWORD });
  const pages = await everyPage(t);
  // The results page draws its charts as inline SVG: markup the policy allows.
  assert.match(pages.get('results')?.body ?? '', /<svg class="chart"/);
  for (const [name, page] of pages) {
    assert.doesNotMatch(page.body, /<script|<style|\sstyle=|\son[a-z]+=|javascript:/i, name);
    assert.match(page.body, /<link rel="stylesheet" href="\/static\/canvass\.[\w-]+\.css">/, name);
  }
});

test('pages forbid framing and sniffing, keep URLs to the site, and leave HSTS to the TLS proxy', async () => {
  t = await startTestApp();
  const page = await t.browser().get('/');
  assert.equal(page.headers['x-frame-options'], 'DENY');
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['referrer-policy'], 'same-origin');
  assert.equal(page.headers['strict-transport-security'], undefined);
});

test('pages leave out the headers only browsers that are gone read', async () => {
  t = await startTestApp();
  const page = await t.browser().get('/');
  assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin');
  assert.equal(page.headers['cross-origin-resource-policy'], 'same-origin');
  assert.equal(page.headers['origin-agent-cluster'], '?1');
  assert.equal(page.headers['x-dns-prefetch-control'], 'off');
  assert.equal(page.headers['x-permitted-cross-domain-policies'], 'none');
  // Internet Explorer 8's download prompt, and an XSS filter no current browser has.
  assert.equal(page.headers['x-download-options'], undefined);
  assert.equal(page.headers['x-xss-protection'], undefined);
});

test('pages and redirects that read the session are private to the browser and vary on Cookie', async () => {
  t = await startTestApp();
  const browser = t.browser();
  const responses = [
    await browser.get('/surveys/satisfaction'),
    await browser.get('/surveys/satisfaction/questions/0'), // guard: too soon → start page
    await browser.post('/surveys/satisfaction/begin'),
    await browser.get('/surveys/satisfaction/questions/2'), // guard: out of order
    await browser.post('/surveys/satisfaction/questions/0', { answer: 'Yes' }),
  ];
  assert.deepEqual(
    responses.map((r) => r.status),
    [200, 302, 303, 302, 303],
  );
  for (const response of responses) {
    assert.match(String(response.headers['cache-control']), /\bprivate\b/);
    assert.match(String(response.headers['cache-control']), /\bno-store\b/);
    assert.match(String(response.headers.vary), /\bCookie\b/i);
  }
});

test('the stylesheet and the health check read no session and stay cacheable or plain', async () => {
  t = await startTestApp();
  const home = await t.browser().get('/');
  const href = /href="(\/static\/[^"]+\.css)"/.exec(home.body)?.[1] ?? '';
  const css = await t.browser().get(href);
  assert.equal(css.status, 200);
  assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(css.headers.vary, undefined);
  const health = await t.browser().get('/healthz');
  assert.equal(health.headers['cache-control'], 'no-store');
  assert.equal(health.headers.vary, undefined);
});
